// Tables as kubectl get prints them: text/tabwriter with minwidth 6, tabwidth 4, padding 3, pad ' '
// (staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go). A column is as wide as its widest cell plus
// the padding, at least minwidth; the last cell of a row is not padded.

const MIN_WIDTH = 6,
  PADDING = 3;

export function tabwrite(rows: string[][], minWidth = MIN_WIDTH, padding = PADDING): string {
  const widths: number[] = [];
  for (const r of rows) for (let i = 0; i < r.length - 1; i++) widths[i] = Math.max(widths[i] ?? 0, r[i].length);
  let out = '';
  for (const r of rows) {
    let line = '';
    for (let i = 0; i < r.length; i++) {
      if (i === r.length - 1) line += r[i];
      else line += r[i].padEnd(Math.max(minWidth, widths[i] + padding));
    }
    out += line + '\n';
  }
  return out;
}
