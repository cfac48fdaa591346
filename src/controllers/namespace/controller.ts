// pkg/controller/namespace/namespace_controller.go: works off namespaces with a deletionTimestamp. Kubernetes
// requeues after an estimate and polls; here the deletion of any content of a terminating namespace requeues it.

import { Controller, type ControllerContext } from '../../client/controller';
import { NAMESPACED, NamespacedResourcesDeleter } from './deletion/namespaced-resources-deleter';

export class NamespaceController extends Controller {
  readonly name = 'namespace-controller';
  private readonly deleter: NamespacedResourcesDeleter;

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.deleter = new NamespacedResourcesDeleter(ctx.api);
    this.watch('namespaces', (ev) => {
      if (ev.type !== 'DELETED' && ev.object.metadata.deletionTimestamp) this.enqueue(ev.object.metadata.name!);
    });
    for (const r of NAMESPACED) {
      if (r.resource === 'events') continue;
      this.watch(r.resource, (ev) => {
        if (ev.type !== 'DELETED') return;
        const ns = ev.object.metadata.namespace;
        if (ns && this.api.tryGet('namespaces', undefined, ns)?.metadata.deletionTimestamp) this.enqueue(ns);
      });
    }
  }

  sync(namespace: string): void {
    this.deleter.delete(namespace);
  }
}
