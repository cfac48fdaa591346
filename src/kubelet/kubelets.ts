// One kubelet per registered Node.
import type { ControllerContext } from '../controllers/controller';
import type { ImageBehaviours } from './images';

export class Kubelets {
  constructor(ctx: ControllerContext, images: ImageBehaviours) { void ctx; void images; }
}
