// Texts that only JavaScript prints: a user of kubectl or the API never sees them from a real cluster.

const JS_ISMS: [RegExp, string][] = [
  [/is not a function/, 'not a function'],
  [/is not iterable/, 'not iterable'],
  [/Cannot (read|set) propert/, 'property of undefined'],
  [/Cannot (create|assign to read only) property/, 'frozen or primitive'],
  [/\bundefined\b/, 'undefined'],
  [/\bNaN\b/, 'NaN'],
  [/\[object Object\]/, '[object Object]'],
  [/Invalid array length|Maximum call stack|Invalid string length/, 'range'],
  [/is not defined|Unexpected token|\b(Type|Range|Reference|Syntax)Error\b/, 'error class'],
  [/\n\s+at .+:\d+:\d+\)?/, 'stack trace'],
];

/** The first JavaScript-ism in a text, named, or undefined. */
export function jsIsm(text: string): string | undefined {
  for (const [re, name] of JS_ISMS) if (re.test(text)) return name;
  return undefined;
}
