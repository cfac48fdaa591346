// A self-signed certificate for the served API, made at start with node:crypto (an ECDSA P-256 key, DER written
// here: a certificate is a short ASN.1 structure, and a library that builds one costs 200 ms of start-up).
// kubectl sends its credentials (bearer token, impersonation headers) only over TLS, so the API is served on
// https://127.0.0.1 and the kubeconfig carries this certificate as the cluster's certificate authority.

import { generateKeyPairSync, sign, randomBytes, type KeyObject } from 'node:crypto';
import { wallClock } from '../runtime/wall-clock';

// DER: tag, length, contents
function tlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const int = (b: Buffer) => tlv(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const explicit = (n: number, b: Buffer) => tlv(0xa0 + n, b);
function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const v of rest) {
    const stack = [v & 0x7f];
    for (let x = v >> 7; x > 0; x >>= 7) stack.unshift((x & 0x7f) | 0x80);
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}
/** GeneralizedTime, YYYYMMDDHHMMSSZ (valid for every date, unlike UTCTime past 2049) */
const time = (d: Date) =>
  tlv(
    0x18,
    Buffer.from(
      d
        .toISOString()
        .replace(/[-:T]/g, '')
        .replace(/\.\d{3}Z$/, 'Z'),
    ),
  );

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const name = (cn: string) => seq(set(seq(oid('2.5.4.3'), utf8(cn))));
const extension = (id: string, critical: boolean, value: Buffer) =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

export interface Certificate {
  cert: string;
  key: string;
  privateKey: KeyObject;
}

/** A CA-flagged, self-signed server certificate for localhost and 127.0.0.1, valid from an hour ago for `days`. */
export function selfSignedCertificate(commonName = 'kspec', days = 365): Certificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // a positive serial whose first byte is not zero: DER INTEGERs carry no leading zero bytes
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x40;
  const now = wallClock.now();
  const sans = seq(tlv(0x82, Buffer.from('localhost')), tlv(0x87, Buffer.from([127, 0, 0, 1])));
  const tbs = seq(
    explicit(0, int(Buffer.from([2]))), // v3
    int(serial),
    ECDSA_SHA256,
    name(commonName),
    seq(time(new Date(now - 3600_000)), time(new Date(now + days * 86_400_000))),
    name(commonName),
    spki,
    explicit(
      3,
      seq(
        extension('2.5.29.19', true, seq(bool(true))), // basicConstraints CA:TRUE (it is its own authority)
        extension('2.5.29.15', true, bits(Buffer.from([0x84]), 2)), // keyUsage digitalSignature, keyCertSign
        extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage serverAuth
        extension('2.5.29.17', false, sans),
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, ECDSA_SHA256, bits(signature));
  const pem = (label: string, b: Buffer) =>
    `-----BEGIN ${label}-----\n${b.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`;
  return {
    cert: pem('CERTIFICATE', der),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    privateKey,
  };
}
