import { Controller } from '../controller';

export class NamespaceController extends Controller {
  readonly name = 'namespace-controller';
  sync(key: string): void { void key; }
}
