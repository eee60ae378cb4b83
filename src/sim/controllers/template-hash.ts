import { fnv32a, safeEncodeString } from '../behaviors/seeded-random.js';
import type { PodTemplate } from './kube-types.js';
import { clone, stableStringify } from './kube-types.js';

export const POD_TEMPLATE_HASH = 'pod-template-hash';

/**
 * Drop nulls and empty objects, recursively. Clients that round-trip a template through Go structs
 * (kubectl rollout undo) send `creationTimestamp: null` and `resources: {}`; the real controller compares
 * decoded structs, where those equal "absent", so the sim must too.
 */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const n = normalize(v);
      if (n === null || n === undefined) continue;
      if (typeof n === 'object' && !Array.isArray(n) && Object.keys(n).length === 0) continue;
      out[k] = n;
    }
    return out;
  }
  return value;
}

/** The template without the controller-added hash label: what "same template" means to the controller. */
export function templateWithoutHash(template: PodTemplate): PodTemplate {
  const t = normalize(clone(template)) as PodTemplate;
  if (t.metadata?.labels) {
    delete t.metadata.labels[POD_TEMPLATE_HASH];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return t;
}

export function templatesEqual(a: PodTemplate, b: PodTemplate): boolean {
  return stableStringify(templateWithoutHash(a)) === stableStringify(templateWithoutHash(b));
}

/**
 * `controller.ComputeHash`: FNV-32a of the template (plus collision count), then
 * `rand.SafeEncodeString(fmt.Sprint(hash))` — hence the 6–10 character consonant strings of real clusters.
 */
export function computePodTemplateHash(template: PodTemplate, collisionCount = 0): string {
  const text =
    stableStringify(templateWithoutHash(template)) + (collisionCount ? String(collisionCount) : '');
  return safeEncodeString(String(fnv32a(text)));
}
