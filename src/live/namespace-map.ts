// A scenario that runs in a namespace of its own on a shared cluster still calls it `default`: the feature reads
// the same on the model and live. Going out, `default` becomes the scenario's namespace (kubectl's -n and
// --namespace, service account names, manifests' `namespace: default`); coming back, the scenario's namespace
// reads `default` again (kubectl's output, the objects read). The scenario's namespace is a name no feature
// writes (`kspec-` and random letters), so replacing it back is exact.

export class NamespaceMap {
  /** `actual`: the scenario's namespace on the cluster; undefined maps nothing (a cluster of its own) */
  constructor(readonly actual?: string) {}

  /** The namespace on the cluster for one a step names. */
  out(ns: string | undefined): string | undefined {
    return this.actual && ns === 'default' ? this.actual : ns;
  }

  /** kubectl's arguments with `default` as a namespace, or in a service account's name, made the scenario's. */
  args(words: readonly string[]): string[] {
    const ns = this.actual;
    if (!ns) return [...words];
    const sa = (v: string) => v.replace(/^default:/, `${ns}:`);
    return words.map((w, i) => {
      const prev = words[i - 1];
      if ((prev === '-n' || prev === '--namespace') && w === 'default') return ns;
      if (w === '-ndefault' || w === '-n=default' || w === '--namespace=default') return w.replace(/default$/, ns);
      if (prev === '--serviceaccount') return sa(w);
      if (w.startsWith('--serviceaccount=')) return `--serviceaccount=${sa(w.slice('--serviceaccount='.length))}`;
      return w
        .replace(/system:serviceaccount:default:/g, `system:serviceaccount:${ns}:`)
        .replace(/system:serviceaccounts:default$/, `system:serviceaccounts:${ns}`);
    });
  }

  /** A manifest with every `namespace: default` (metadata, a RoleBinding's subjects) made the scenario's. */
  manifest(text: string): string {
    if (!this.actual) return text;
    return text
      .replace(/^(\s*(?:-\s+)?namespace:\s*)(["']?)default\2(\s*(?:#.*)?)$/gm, `$1$2${this.actual}$2$3`)
      .replace(/([{,]\s*namespace:\s*)(["']?)default\2(\s*[,}])/g, `$1$2${this.actual}$2$3`)
      .replace(/"namespace"(\s*):(\s*)"default"/g, `"namespace"$1:$2"${this.actual}"`)
      .replace(/system:serviceaccount:default:/g, `system:serviceaccount:${this.actual}:`);
  }

  /** Text from the cluster (kubectl's output) with the scenario's namespace called `default`. */
  text(s: string): string {
    return this.actual ? s.split(this.actual).join('default') : s;
  }

  /** An object read from the cluster, its namespace (wherever it appears, base64 too: a token Secret's) called `default`. */
  object<T>(o: T): T {
    if (!this.actual || o === undefined) return o;
    const encoded = JSON.stringify(Buffer.from(this.actual).toString('base64'));
    return JSON.parse(
      this.text(JSON.stringify(o))
        .split(encoded)
        .join(JSON.stringify(Buffer.from('default').toString('base64'))),
    );
  }
}
