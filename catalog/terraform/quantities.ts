/** Kubernetes quantities (250m, 1, 512Mi, 2Gi) as plain numbers: vCPUs and GiB. */

export function cpuCores(quantity: unknown): number | undefined {
  const text = typeof quantity === 'number' ? String(quantity) : typeof quantity === 'string' ? quantity : undefined;
  const m = text?.match(/^([0-9]+(?:\.[0-9]+)?)(m?)$/);
  if (!m) return undefined;
  return m[2] ? Number(m[1]) / 1000 : Number(m[1]);
}

const MEMORY_UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

export function memoryGib(quantity: unknown): number | undefined {
  const text = typeof quantity === 'number' ? String(quantity) : typeof quantity === 'string' ? quantity : undefined;
  const m = text?.match(/^([0-9]+(?:\.[0-9]+)?)(k|M|G|T|Ki|Mi|Gi|Ti)?$/);
  if (!m) return undefined;
  return (Number(m[1]) * MEMORY_UNITS[m[2] ?? '']) / 2 ** 30;
}
