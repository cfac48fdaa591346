// Conditions as k8s.io/apimachinery's meta helpers keep them.

/** apimeta.SetStatusCondition: lastTransitionTime moves only when the status changes. */
export function setStatusCondition(
  conditions: any[],
  c: { type: string; status: string; reason: string; message: string; observedGeneration?: number },
  nowIso: string,
): any[] {
  const old = conditions.find((x) => x.type === c.type);
  const next = {
    type: c.type,
    status: c.status,
    observedGeneration: c.observedGeneration,
    lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : nowIso,
    reason: c.reason,
    message: c.message,
  };
  if (next.observedGeneration === undefined || next.observedGeneration === 0) delete (next as any).observedGeneration;
  return old ? conditions.map((x) => (x === old ? next : x)) : [...conditions, next];
}
