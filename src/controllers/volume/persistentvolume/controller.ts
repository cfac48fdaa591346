import { Controller } from '../../controller';

export class PersistentVolumeController extends Controller {
  readonly name = 'persistentvolume-controller';
  sync(key: string): void { void key; }
}
