import { Controller } from '../controller';

export class ServiceAccountsController extends Controller {
  readonly name = 'service-account-controller';
  sync(key: string): void { void key; }
}
