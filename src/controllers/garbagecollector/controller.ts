import { Controller } from '../controller';

export class GarbageCollector extends Controller {
  readonly name = 'garbage-collector-controller';
  sync(key: string): void { void key; }
}
