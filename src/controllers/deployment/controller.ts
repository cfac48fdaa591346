import { Controller } from '../controller';

export class DeploymentController extends Controller {
  readonly name = 'deployment-controller';
  sync(key: string): void { void key; }
}
