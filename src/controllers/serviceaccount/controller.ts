// pkg/controller/serviceaccount/serviceaccounts_controller.go: every active namespace has the `default`
// ServiceAccount; a deleted one is recreated. Keys are namespace names.

import { Controller, type ControllerContext } from '../../client/controller';
import { isStatusError } from '../../api/errors';

/** The accounts the controller keeps in every namespace (DefaultServiceAccountsControllerOptions). */
export const MANAGED_SERVICE_ACCOUNTS = ['default'];

export class ServiceAccountsController extends Controller {
  readonly name = 'service-account-controller';

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('namespaces', (ev) => {
      if (ev.type !== 'DELETED') this.enqueue(ev.object.metadata.name!);
    });
    this.watch('serviceaccounts', (ev) => {
      if (ev.type === 'DELETED' && MANAGED_SERVICE_ACCOUNTS.includes(ev.object.metadata.name!))
        this.enqueue(ev.object.metadata.namespace!);
    });
  }

  /** syncNamespace: create the managed accounts that are missing, in active namespaces only. */
  sync(namespace: string): void {
    const ns = this.api.tryGet('namespaces', undefined, namespace);
    if (!ns || ns.status?.phase !== 'Active') return;
    for (const name of MANAGED_SERVICE_ACCOUNTS) {
      if (this.api.tryGet('serviceaccounts', namespace, name)) continue;
      try {
        this.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
      } catch (e) {
        if (!isStatusError(e) || e.reason !== 'AlreadyExists') throw e;
      }
    }
  }
}
