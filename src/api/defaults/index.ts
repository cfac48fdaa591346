// Defaulting (pkg/apis/*/v1/defaults.go), registered per resource.
import type { ApiServer } from '../../apiserver/apiserver';

export function registerDefaults(api: ApiServer): void { void api; }
