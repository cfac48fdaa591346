// -o yaml and -o json: kubectl prints what the server returned as unstructured JSON, so keys come out sorted
// (encoding/json sorts map keys; sigs.k8s.io/yaml goes through JSON). JSON is indented by 4 spaces.

import { dump } from 'js-yaml';
import { sortKeys } from '../../util/json';

/** Would go-yaml (v2) resolve this plain scalar to something other than a string (resolve.go)? */
function resolvesToOther(s: string): boolean {
  return (
    s === '' ||
    /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|<<)$/.test(
      s,
    ) ||
    /^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/.test(s) ||
    /^[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$/.test(s) ||
    /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/.test(s) ||
    /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s) ||
    /^\d{4}-\d\d?-\d\d?([Tt ]|$)/.test(s)
  );
}

/**
 * go-yaml quotes a string that would read back as another type (`"80"`, `"true"`, `""`, timestamps) with double
 * quotes, and one that plain YAML cannot hold (`'*'`, `'a: b'`) with single quotes; js-yaml writes both one way.
 */
export function toYaml(v: unknown): string {
  const out = dump(sortKeys(v), { seqNoIndent: true, lineWidth: -1, noRefs: true, quoteStyle: 'double' });
  return out.replace(/(^\s*|: |- )"([^"\\]*)"(?=:|$)/gm, (m, pre: string, str: string) =>
    resolvesToOther(str) ? m : `${pre}'${str.replace(/'/g, "''")}'`,
  );
}

export function toJson(v: unknown): string {
  return JSON.stringify(sortKeys(v), null, 4) + '\n';
}

/** The List kubectl prints for several objects. */
export function asList(items: unknown[]): unknown {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
