// The copy a trusted write gets instead of decoding. A controller's, the scheduler's or a kubelet's write is built by
// the model's own code from stored objects, which were decoded when they were written: decoding it again (every
// value's JSON type checked, every time and quantity parsed) would change nothing but its null fields, and cost a
// quarter of a large converge. copyAsDecoded gives what decoding gives such a body, without the checks.
// `trusted.check` (KSPEC_TRUSTED_CHECK=1) decodes every trusted write as well and fails it on any difference, so a
// run of the features proves the two agree (`npm run test:trusted`; test/trusted-writes.test.ts checks a cluster
// that runs every controller).
import { type KObject, clone } from '../../api/meta';
import { type ResourceInfo, apiVersionOf } from '../../api/kinds';
import { kindType } from './types';
import { copyAsDecoded } from './json';
import { decodeObject } from '.';

export const trusted = { check: process.env.KSPEC_TRUSTED_CHECK === '1' };

/** The object as decoding would leave it (a copy: nothing the caller holds is changed). */
export function trustedCopy(r: ResourceInfo, obj: KObject, shareFrozen: boolean): KObject {
  const t = kindType(apiVersionOf(r), r.kind);
  const copy = t ? (copyAsDecoded(obj, t, shareFrozen) as KObject) : shareFrozen ? obj : clone(obj);
  if (trusted.check) {
    const decoded = decodeObject(r, obj, { kind: 'body' }, { shareFrozen }).obj;
    const a = JSON.stringify(copy),
      b = JSON.stringify(decoded);
    if (a !== b)
      throw new Error(`a trusted write of ${r.resource} differs from its decoding:\n  copy:    ${a}\n  decoded: ${b}`);
  }
  return copy;
}
