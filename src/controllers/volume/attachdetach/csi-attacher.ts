// The CSI external-attacher sidecar (kubernetes-csi/external-attacher), simulated: it answers each
// VolumeAttachment of a driver at once with `status.attached: true`, as a healthy ControllerPublishVolume does.

import { Controller, type ControllerContext } from '../../../client/controller';

export class CSIAttacher extends Controller {
  readonly name = 'csi-attacher';

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('volumeattachments', (ev) => {
      if (ev.type !== 'DELETED' && !ev.object.status?.attached) this.enqueue(ev.object.metadata.name!);
    });
  }

  sync(name: string): void {
    const va = this.api.tryGet('volumeattachments', undefined, name);
    if (!va || va.status?.attached || va.metadata.deletionTimestamp) return;
    this.api.updateStatus({ ...va, status: { attached: true } });
  }
}
