import { Controller } from '../controllers/controller';

export class Scheduler extends Controller {
  readonly name = 'default-scheduler';
  sync(key: string): void { void key; }
}
