// A short rendering of what changed, after the Forbidden messages that embed cmp.Diff(old, new) in the real
// apiserver (pod and claim updates). go-cmp's exact layout is not reproduced: each changed field path is shown
// with its old (-) and new (+) value, which is what a reader needs.

export function specDiff(a: any, b: any, type: string): string {
  const lines: string[] = [];
  walk(a, b, '', lines);
  return `  ${type}{\n${lines.join('\n')}\n  }\n`;
}

function walk(a: any, b: any, path: string, out: string[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const bothObjects = a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (bothObjects) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys)
      walk(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${goName(k)}` : goName(k), out);
    return;
  }
  if (a !== undefined) out.push(`- \t${path}: ${JSON.stringify(a)},`);
  if (b !== undefined) out.push(`+ \t${path}: ${JSON.stringify(b)},`);
}

const goName = (k: string): string => k.charAt(0).toUpperCase() + k.slice(1);
