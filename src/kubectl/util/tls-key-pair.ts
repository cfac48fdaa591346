// What `kubectl create secret tls` checks of its --cert and --key: Go's tls.X509KeyPair (crypto/tls/tls.go),
// with its error texts: the PEM blocks found and skipped, the certificate parsed, the key parsed, and the key
// matching the certificate's public key.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';

interface Block {
  type: string;
  der: Buffer;
}

/** pem.Decode over the whole input: every well-formed block, in order. */
function pemBlocks(text: string): Block[] {
  const out: Block[] = [];
  const re = /-----BEGIN ([^-\r\n]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]
      .split(/\r?\n/)
      .filter((l) => !l.includes(':'))
      .join('');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) continue;
    out.push({ type: m[1], der: Buffer.from(body, 'base64') });
  }
  return out;
}

function parsePrivateKey(der: Buffer): KeyObject | undefined {
  for (const type of ['pkcs1', 'pkcs8', 'sec1'] as const) {
    try {
      return createPrivateKey({ key: der, format: 'der', type });
    } catch {
      /* the next encoding */
    }
  }
  return undefined;
}

/** The error kubectl prints (without `error: `) for this certificate and key, or undefined when they make a pair. */
export function x509KeyPairError(certPEM: string, keyPEM: string): string | undefined {
  const certBlocks = pemBlocks(certPEM);
  const certs = certBlocks.filter((b) => b.type === 'CERTIFICATE');
  if (!certs.length) {
    const skipped = certBlocks.map((b) => b.type);
    if (!skipped.length) return 'tls: failed to find any PEM data in certificate input';
    if (skipped.length === 1 && skipped[0].endsWith('PRIVATE KEY'))
      return 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched';
    return `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`;
  }
  const keyBlocks = pemBlocks(keyPEM);
  const keyBlock = keyBlocks.find((b) => b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY'));
  if (!keyBlock) {
    const skipped = keyBlocks.map((b) => b.type);
    if (!skipped.length) return 'tls: failed to find any PEM data in key input';
    if (skipped.length === 1 && skipped[0] === 'CERTIFICATE')
      return 'tls: found a certificate rather than a key in the PEM for the private key';
    return `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`;
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certs[0].der);
  } catch {
    return 'x509: malformed certificate';
  }
  const key = parsePrivateKey(keyBlock.der);
  if (!key) return 'tls: failed to parse private key';
  if (cert.publicKey.asymmetricKeyType !== key.asymmetricKeyType)
    return 'tls: private key type does not match public key type';
  if (!cert.checkPrivateKey(key)) return 'tls: private key does not match public key';
  return undefined;
}
