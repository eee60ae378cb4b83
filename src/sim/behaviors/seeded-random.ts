/** FNV-1a 32-bit: the hash the real controllers use for pod-template-hash, and our seed mixer. */
export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A small deterministic PRNG (mulberry32) seeded from any strings: same inputs, same sequence. */
export function seededRandom(...parts: (string | number)[]): () => number {
  let state = fnv32a(parts.join('\u0000'));
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The alphabet Kubernetes uses for generated names (no vowels, no ambiguous characters). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** `rand.SafeEncodeString` from k8s.io/apimachinery: maps each byte onto the safe alphabet. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += ALPHANUMS[text.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** `rand.String(n)` with a deterministic source: the suffix of generated pod names. */
export function randomSuffix(random: () => number, length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMS[Math.floor(random() * ALPHANUMS.length)];
  return out;
}

export function hex(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}
