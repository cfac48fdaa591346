import { Controller } from '../controller';

export class EndpointSliceController extends Controller {
  readonly name = 'endpointslice-controller';
  sync(key: string): void { void key; }
}
