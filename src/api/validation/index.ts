// Validation (pkg/apis/*/validation), registered per resource.
import type { ApiServer } from '../../apiserver/apiserver';

export function registerValidation(api: ApiServer): void { void api; }
