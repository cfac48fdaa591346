// Go's text/tabwriter (align left, pad ' ', no flags): cells end at tabs; a column block is a run of
// consecutive lines that have a cell in that column, as wide as its widest cell plus padding. kubectl describe
// writes through one such writer with minwidth 0, tabwidth 8, padding 2 (describe.go, tabbedString).

export function goTabwriter(text: string, minwidth = 0, padding = 2): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  // the text after the last newline is the last line; a trailing newline leaves an empty one
  const widths: number[] = [];
  let out = '';
  const writeLines = (l0: number, l1: number) => {
    for (let i = l0; i < l1; i++) {
      const line = lines[i];
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        out += c;
        if (j < widths.length && j < line.length - 1) out += ' '.repeat(Math.max(0, widths[j] - c.length));
      }
      if (i + 1 < lines.length) out += '\n';
    }
  };
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let width = minwidth;
      for (; t < line1; t++) {
        const line = lines[t];
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column].length + padding);
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--;
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out;
}
