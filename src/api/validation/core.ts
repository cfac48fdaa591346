// ConfigMap, Secret, Namespace, Node, ServiceAccount and Endpoints validation
// (pkg/apis/core/validation/validation.go: ValidateConfigMap, ValidateSecret, ValidateNode, ValidateEndpoints).

import { type FieldError, field } from '../errors';
import { regexError, isQualifiedName, dns1123Label, qualifiedName } from './meta';
import { immutable, isValidPortNum, PORT_PROTOCOLS } from './common';
import { deepEq } from './common';

const MAX_SECRET_SIZE = 1024 * 1024;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const configMapKeyMsg = regexError(
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
  '[-._a-zA-Z0-9]+',
  'key.name',
  'KEY_NAME',
  'key-name',
);

/** IsConfigMapKey */
export function isConfigMapKey(k: string): string[] {
  const errs: string[] = [];
  if (k.length > 253) errs.push('must be no more than 253 characters');
  if (!CONFIG_MAP_KEY.test(k)) errs.push(configMapKeyMsg);
  if (k === '.') errs.push("must not be '.'");
  else if (k === '..') errs.push("must not be '..'");
  else if (k.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

export function validateConfigMap(cm: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    for (const m of isConfigMapKey(k)) errs.push(field.invalid(`data[${k}]`, k, m));
    if (cm.binaryData && k in cm.binaryData)
      errs.push(field.invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    size += String(cm.data[k] ?? '').length;
  }
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) {
    for (const m of isConfigMapKey(k)) errs.push(field.invalid(`binaryData[${k}]`, k, m));
    size += base64Length(cm.binaryData[k]);
  }
  if (size > MAX_SECRET_SIZE) errs.push(field.tooLong('', '', MAX_SECRET_SIZE));
  if (old?.immutable) {
    if (!deepEq(cm.immutable, old.immutable))
      errs.push(field.forbidden('immutable', 'field is immutable when `immutable` is set'));
    if (!deepEq(cm.data, old.data)) errs.push(field.forbidden('data', 'field is immutable when `immutable` is set'));
    if (!deepEq(cm.binaryData, old.binaryData))
      errs.push(field.forbidden('binaryData', 'field is immutable when `immutable` is set'));
  }
  return errs;
}

const base64Length = (s: unknown): number => Math.floor((String(s ?? '').replace(/=+$/, '').length * 3) / 4);

export function validateSecret(s: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  const data = s.data ?? {};
  let size = 0;
  for (const k of Object.keys(data).sort()) {
    for (const m of isConfigMapKey(k)) errs.push(field.invalid(`data[${k}]`, k, m));
    size += base64Length(data[k]);
  }
  if (size > MAX_SECRET_SIZE) errs.push(field.tooLong('data', '', MAX_SECRET_SIZE));
  const has = (k: string) => Object.hasOwn(data, k);
  switch (s.type) {
    case 'kubernetes.io/service-account-token':
      if (!s.metadata?.annotations?.['kubernetes.io/service-account.name'])
        errs.push(field.required('metadata.annotations[kubernetes.io/service-account.name]', ''));
      break;
    case 'kubernetes.io/dockercfg':
      if (!has('.dockercfg')) errs.push(field.required('data[.dockercfg]', ''));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) errs.push(field.required('data[.dockerconfigjson]', ''));
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password'))
        errs.push(field.required('data[username]', ''), field.required('data[password]', ''));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(field.required('data[ssh-privatekey]', ''));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(field.required('data[tls.crt]', ''));
      if (!has('tls.key')) errs.push(field.required('data[tls.key]', ''));
      break;
  }
  if (old) {
    errs.push(...immutable(s.type, old.type, 'type'));
    if (old.immutable) {
      if (!deepEq(s.immutable, old.immutable))
        errs.push(field.forbidden('immutable', 'field is immutable when `immutable` is set'));
      if (!deepEq(s.data, old.data)) errs.push(field.forbidden('data', 'field is immutable when `immutable` is set'));
    }
  }
  return errs;
}

const TAINT_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];

export function validateNode(node: any): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (node.spec?.taints ?? []).forEach((t: any, i: number) => {
    const p = `spec.taints[${i}]`;
    for (const m of isQualifiedName(t?.key ?? '')) errs.push(field.invalid(`${p}.key`, t?.key ?? '', m));
    if (!t?.effect) errs.push(field.required(`${p}.effect`, ''));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(field.notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS));
    const key = `${t?.key}:${t?.effect}`;
    if (seen.has(key)) errs.push(field.duplicate(p, `${t.key}:${t.effect}`));
    seen.add(key);
  });
  return errs;
}

export function validateNamespace(ns: any): FieldError[] {
  const errs: FieldError[] = [];
  (ns.spec?.finalizers ?? []).forEach((f: string) => {
    for (const m of isQualifiedName(f)) errs.push(field.invalid('spec.finalizers', f, m));
  });
  return errs;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function validateEndpoints(ep: any): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss: any, i: number) => {
    const p = `subsets[${i}]`;
    for (const kind of ['addresses', 'notReadyAddresses']) {
      (ss?.[kind] ?? []).forEach((a: any, j: number) => {
        if (!a?.ip || (!IPV4.test(a.ip) && !a.ip.includes(':')))
          errs.push(
            field.invalid(
              `${p}.${kind}[${j}].ip`,
              a?.ip ?? '',
              'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
            ),
          );
      });
    }
    // validateEndpointPort: a port name is a DNS-1123 label (as a Service port's), not an IANA service name
    (ss?.ports ?? []).forEach((port: any, j: number) => {
      const pp = `${p}.ports[${j}]`;
      if (ss.ports.length > 1 && !port?.name) errs.push(field.required(`${pp}.name`, ''));
      else if (port?.name) errs.push(...dns1123Label(`${pp}.name`, port.name));
      for (const m of isValidPortNum(port?.port ?? 0)) errs.push(field.invalid(`${pp}.port`, port?.port ?? 0, m));
      if (!port?.protocol) errs.push(field.required(`${pp}.protocol`, ''));
      else if (!PORT_PROTOCOLS.includes(port.protocol))
        errs.push(field.notSupported(`${pp}.protocol`, port.protocol, PORT_PROTOCOLS));
      if (port?.appProtocol !== undefined && port?.appProtocol !== null)
        errs.push(...qualifiedName(`${pp}.appProtocol`, port.appProtocol));
    });
  });
  return errs;
}
