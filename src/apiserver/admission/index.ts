// Admission and storage-time allocation: ServiceAccount, ClusterIP and NodePort allocators.
import type { ApiServer } from '../apiserver';

export function registerAdmission(api: ApiServer): void { void api; }
