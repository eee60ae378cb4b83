import { parse as parseYaml } from 'yaml';
import { badRequest } from './api-error.js';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from './patch.js';

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
] as const;
export type PatchType = (typeof PATCH_TYPES)[number];

export function patchTypeOf(contentType: string | undefined): PatchType | undefined {
  const base = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  return PATCH_TYPES.find((t) => t === base);
}

/** Parses a PATCH body of the given type (apply patches are YAML, a superset of JSON). */
export function parsePatchBody(type: PatchType, body: string): unknown {
  try {
    return type === 'application/apply-patch+yaml'
      ? (parseYaml(body) as unknown)
      : (JSON.parse(body) as unknown);
  } catch (err) {
    throw badRequest(`error decoding patch: ${(err as Error).message}`);
  }
}

/**
 * Applies a parsed patch. Server-side apply is approximated as a strategic merge of the applied
 * configuration into the live object (no field ownership), which is what helm and kubectl need here.
 */
export function applyPatch(type: PatchType, target: unknown, patch: unknown): unknown {
  switch (type) {
    case 'application/json-patch+json':
      return jsonPatch(target, patch);
    case 'application/merge-patch+json':
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
        throw new PatchError(400, 'merge patch must be a JSON object');
      }
      return mergePatch(target, patch);
    case 'application/strategic-merge-patch+json':
    case 'application/apply-patch+yaml':
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
        throw new PatchError(400, 'strategic merge patch must be a JSON object');
      }
      return strategicMergePatch(target, patch);
  }
}
