/** Kubernetes resource quantities ("250m", "1.5", "512Mi", "1G") as numbers. */

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

function parseQuantity(q: string): number {
  const m = /^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return Number.NaN;
  const value = Number(m[1]);
  const suffix = m[2] ?? '';
  const factor = BINARY[suffix] ?? DECIMAL[suffix];
  return factor === undefined ? Number.NaN : value * factor;
}

/** CPU in millicores ("250m" → 250, "2" → 2000, "1500000n" → 1.5). */
export function parseCpu(q: string): number {
  return parseQuantity(q) * 1000;
}

/** Memory in bytes ("512Mi" → 536870912). */
export function parseMemory(q: string): number {
  return parseQuantity(q);
}
