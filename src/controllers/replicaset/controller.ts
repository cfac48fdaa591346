import { Controller } from '../controller';

export class ReplicaSetController extends Controller {
  readonly name = 'replicaset-controller';
  sync(key: string): void { void key; }
}
