// apiextensions-apiserver pkg/controller/establish/establishing_controller.go: once a CRD's names are accepted
// it becomes Established, and from then on discovery lists its resource and the apiserver serves it.

import { Controller, type ControllerContext } from '../../client/controller';
import { clone } from '../../api/meta';
import { condition, setCRDCondition } from '../../apiserver/apiextensions/crd-strategy';

export class EstablishingController extends Controller {
  readonly name = 'crd-establishing-controller';

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('customresourcedefinitions', (ev) => {
      if (ev.type !== 'DELETED') this.enqueueObject(ev.object);
    });
  }

  sync(key: string): void {
    const crd = this.api.tryGet('customresourcedefinitions', undefined, key);
    if (!crd || condition(crd, 'NamesAccepted')?.status !== 'True' || condition(crd, 'Established')?.status === 'True')
      return;
    const o = clone(crd);
    setCRDCondition(
      o,
      {
        type: 'Established',
        status: 'True',
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
      },
      this.api.clock.iso(),
    );
    this.api.updateStatus(o);
  }
}
