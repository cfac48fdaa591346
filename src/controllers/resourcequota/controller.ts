// pkg/controller/resourcequota/resource_quota_controller.go: a quota's status is its spec.hard and what the
// namespace uses of each tracked resource, recomputed when the quota changes or an object in its namespace
// changes what it counts for (a pod's status writes do not, unless it ends). Objects are read per namespace; a
// scoped quota counts the pods its scopes match.

import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, clone, deepEqual, objKey, splitKey } from '../../api/meta';
import { QUOTA_RESOURCES } from '../../apiserver/admission/quota/admission';
import { addUsage, emptyUsage, objectUsage, usedFor } from '../../apiserver/admission/quota/usage';
import { groupResource, infoFor } from '../../api/kinds';
import { quotaScopeMatches } from '../../apiserver/admission/quota/scopes';

/** The resources a quota's hard names need listed. */
function resourcesFor(hard: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const name of Object.keys(hard)) {
    if (name.startsWith('count/')) {
      const target = name.slice('count/'.length);
      const r = QUOTA_RESOURCES.find((x) => x === target || groupResource(infoFor(x)) === target);
      if (r) out.add(r);
    } else if (/^(pods|(requests\.|limits\.)?(cpu|memory|ephemeral-storage))$/.test(name)) out.add('pods');
    else if (name.startsWith('services')) out.add('services');
    else if (name.includes('persistentvolumeclaims') || name.includes('requests.storage'))
      out.add('persistentvolumeclaims');
    else if (QUOTA_RESOURCES.includes(name)) out.add(name);
  }
  return [...out];
}

export class ResourceQuotaController extends Controller {
  readonly name = 'resourcequota-controller';

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('resourcequotas', (ev) => {
      if (ev.type !== 'DELETED') this.enqueue(objKey(ev.object));
    });
    for (const resource of QUOTA_RESOURCES.filter((r) => r !== 'resourcequotas')) {
      this.watch(resource, (ev) => {
        const quotas = this.api.select('resourcequotas', { namespace: ev.object.metadata.namespace });
        if (!quotas.length) return;
        // activeDeadlineSeconds can change, and with it the Terminating scopes
        if (
          ev.type === 'MODIFIED' &&
          ev.old &&
          deepEqual(objectUsage(ev.old).amounts, objectUsage(ev.object).amounts) &&
          ev.old.spec?.activeDeadlineSeconds === ev.object.spec?.activeDeadlineSeconds
        )
          return;
        for (const q of quotas) this.enqueue(objKey(q));
      });
    }
  }

  sync(key: string): void {
    const [ns, name] = splitKey(key);
    const q = this.api.tryGet('resourcequotas', ns, name);
    if (!q) return;
    const hard: Record<string, string> = q.spec?.hard ?? {};
    const usage = emptyUsage();
    for (const resource of resourcesFor(hard)) {
      for (const o of this.api.select(resource, { namespace: ns }))
        if (quotaScopeMatches(q, o, resource)) addUsage(usage, objectUsage(o as KObject));
    }
    const status = { hard: { ...hard }, used: usedFor(hard, usage) };
    if (deepEqual(status, q.status)) return;
    const next = clone(q);
    next.status = status;
    this.api.updateStatus(next);
  }
}
