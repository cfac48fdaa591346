// pkg/controller/serviceaccount/tokens_controller.go: a Secret of type kubernetes.io/service-account-token
// that names a ServiceAccount (annotation kubernetes.io/service-account.name) gets the account's uid, a legacy
// token (a JWT with the kubernetes/serviceaccount issuer), the cluster CA and the namespace; one whose account
// does not exist is deleted. Secrets are found from the account through an index kept from the watch.

import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, clone, objKey, splitKey } from '../../api/meta';
import { isStatusError } from '../../api/errors';
import { ROOT_CA_CERT } from './root-ca-publisher';
import { fnv1a32 } from '../../runtime/random';
import { ANN_SA_NAME, ANN_SA_UID } from '../../api/well-known';

export const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/** The legacy (secret-based) token's claims (pkg/serviceaccount/legacy.go), with a stand-in signature. */
export function legacyToken(secret: KObject, sa: KObject): string {
  const ns = secret.metadata.namespace!;
  const claims = {
    iss: 'kubernetes/serviceaccount',
    'kubernetes.io/serviceaccount/namespace': ns,
    'kubernetes.io/serviceaccount/secret.name': secret.metadata.name,
    'kubernetes.io/serviceaccount/service-account.name': sa.metadata.name,
    'kubernetes.io/serviceaccount/service-account.uid': sa.metadata.uid,
    sub: `system:serviceaccount:${ns}:${sa.metadata.name}`,
  };
  const body = `${b64url(JSON.stringify({ alg: 'RS256', kid: fnv1a32('kid').toString(16) }))}.${b64url(JSON.stringify(claims))}`;
  return `${body}.${b64url(fnv1a32(body).toString(16).repeat(32))}`;
}

export class TokensController extends Controller {
  readonly name = 'tokens-controller';
  /** `<ns>/<account>` -> token secrets naming it */
  private secretsByAccount = new Map<string, Set<string>>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('secrets', (ev) => {
      const s = ev.object;
      if (s.type !== SA_TOKEN_TYPE) return;
      const account = `${s.metadata.namespace}/${s.metadata.annotations?.[ANN_SA_NAME] ?? ''}`;
      if (ev.type === 'DELETED') {
        this.secretsByAccount.get(account)?.delete(objKey(s));
        return;
      }
      let set = this.secretsByAccount.get(account);
      if (!set) this.secretsByAccount.set(account, (set = new Set()));
      set.add(objKey(s));
      this.enqueue(objKey(s));
    });
    this.watch('serviceaccounts', (ev) => {
      for (const k of this.secretsByAccount.get(objKey(ev.object)) ?? []) this.enqueue(k);
    });
  }

  sync(key: string): void {
    const [ns, name] = splitKey(key);
    const secret = this.api.tryGet('secrets', ns, name);
    if (!secret || secret.type !== SA_TOKEN_TYPE || secret.metadata.deletionTimestamp) return;
    const sa = this.api.tryGet('serviceaccounts', ns, secret.metadata.annotations?.[ANN_SA_NAME] ?? '');
    const uid = secret.metadata.annotations?.[ANN_SA_UID];
    if (!sa || (uid && uid !== sa.metadata.uid)) {
      try {
        this.api.delete('secrets', ns, name);
      } catch (e) {
        if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
      }
      return;
    }
    if (secret.data?.token && uid) return;
    const next = clone(secret);
    next.metadata.annotations = { ...next.metadata.annotations, [ANN_SA_UID]: sa.metadata.uid! };
    next.data = {
      ...(next.data ?? {}),
      'ca.crt': b64(ROOT_CA_CERT),
      namespace: b64(ns!),
      token: b64(legacyToken(secret, sa)),
    };
    this.api.update(next);
  }
}
