import { fnv32a, safeEncodeString } from '../behaviors/seeded-random.js';
import type { PodTemplate } from './kube-types.js';
import { clone, stableStringify } from './kube-types.js';

export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** The template without the controller-added hash label: what "same template" means to the controller. */
export function templateWithoutHash(template: PodTemplate): PodTemplate {
  const t = clone(template);
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
