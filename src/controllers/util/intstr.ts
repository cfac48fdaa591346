// intstr.GetScaledValueFromIntOrPercent (staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go).

export type IntOrString = number | string;

export function getScaledValueFromIntOrPercent(
  v: IntOrString | undefined | null,
  total: number,
  roundUp: boolean,
): number {
  if (v === undefined || v === null) throw new Error('nil value for IntOrString');
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!v.endsWith('%') || !m)
    throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const value = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(value) : Math.floor(value);
}
