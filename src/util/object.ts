// Own properties of decoded JSON and YAML, where `__proto__` and `constructor` are ordinary keys.

/**
 * Sets an own property, `__proto__` included: JSON and YAML decoding make it an ordinary key (a ConfigMap may
 * have one), where an assignment would set the object's prototype instead and the key would be lost.
 */
export function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__')
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** Whether the object has the key itself (`constructor` and `__proto__` are not keys of `{}`). */
export const hasKey = (o: object, k: string): boolean => Object.hasOwn(o, k);
