import { Controller } from '../controller';

export class EndpointsController extends Controller {
  readonly name = 'endpoint-controller';
  sync(key: string): void { void key; }
}
