// describe.go ConfigMapDescriber and SecretDescriber: a ConfigMap shows its values, a Secret only the size of
// each value (a service account token excepted), so secrets never reach a terminal or a report.

import type { KObject } from '../../api/meta';
import { labels, annotations } from './format';

export function describeConfigMap(o: KObject, w: string[]): void {
  w.push(`Name:\t${o.metadata.name}\n`, `Namespace:\t${o.metadata.namespace}\n`);
  labels(w, 'Labels', o.metadata.labels);
  annotations(w, 'Annotations', o.metadata.annotations);
  w.push('\nData\n====\n');
  for (const k of Object.keys(o.data ?? {}).sort()) w.push(`${k}:\n----\n${o.data[k]}\n`);
  w.push('\nBinaryData\n====\n');
  for (const k of Object.keys(o.binaryData ?? {}).sort())
    w.push(`${k}: ${Buffer.from(o.binaryData[k], 'base64').length} bytes\n`);
  w.push('\n');
}

export function describeSecret(o: KObject, w: string[]): void {
  w.push(`Name:\t${o.metadata.name}\n`, `Namespace:\t${o.metadata.namespace}\n`);
  labels(w, 'Labels', o.metadata.labels);
  annotations(w, 'Annotations', o.metadata.annotations);
  w.push(`\nType:\t${o.type ?? ''}\n`, '\nData\n====\n');
  for (const k of Object.keys(o.data ?? {}).sort()) {
    const value = Buffer.from(o.data[k] ?? '', 'base64');
    if (k === 'token' && o.type === 'kubernetes.io/service-account-token') w.push(`${k}:\t${value.toString('utf8')}\n`);
    else w.push(`${k}:\t${value.length} bytes\n`);
  }
}
