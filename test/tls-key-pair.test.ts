// `kubectl create secret tls` loads --cert and --key as tls.X509KeyPair does. Each row is what kubectl 1.30
// printed for the same files against a served cluster (`--dry-run=client`), without its `error: ` prefix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { x509KeyPairError } from '../src/kubectl/util/tls-key-pair';

const fixture = (f: string) => fs.readFileSync(path.join(__dirname, 'fixtures', 'tls', f), 'utf8');
const CERT = fixture('web.crt'),
  KEY = fixture('web.key'),
  OTHER_KEY = fixture('other.key');
const MALFORMED_CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const MALFORMED_KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

const rows: Array<[string, string, string, string | undefined]> = [
  ['a matching pair', CERT, KEY, undefined],
  ['no PEM in the certificate', 'junk\n', KEY, 'tls: failed to find any PEM data in certificate input'],
  [
    'the key given as the certificate',
    KEY,
    KEY,
    'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched',
  ],
  ['another key', CERT, OTHER_KEY, 'tls: private key does not match public key'],
  ['no PEM in the key', CERT, 'junk\n', 'tls: failed to find any PEM data in key input'],
  [
    'the certificate given as the key',
    CERT,
    CERT,
    'tls: found a certificate rather than a key in the PEM for the private key',
  ],
  ['a key that does not parse', CERT, MALFORMED_KEY, 'tls: failed to parse private key'],
  ['a certificate that does not parse', MALFORMED_CERT, MALFORMED_KEY, 'x509: malformed certificate'],
];
for (const [name, cert, key, want] of rows)
  test(`x509KeyPairError: ${name}`, () => assert.equal(x509KeyPairError(cert, key), want));
