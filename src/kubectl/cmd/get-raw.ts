// kubectl get --raw PATH (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go RawGet): the API server's response body
// for a path, as it sends it (/healthz, /version, /api, objects and lists); an error answer is printed as the
// server's Status.

import type { Ctx } from '../context';
import { statusError } from '../client/rest';

export function getRaw(ctx: Ctx, rawPath: string): void {
  const r = ctx.api.raw('GET', rawPath);
  if (r.status >= 400) throw statusError(r.status, r.value, r.body);
  ctx.out(r.body);
}
