import type { ResourceInfo } from './resource-types.js';
import type { KubeObject } from './scenario.js';
import { badRequest } from './api-error.js';
import { apiVersionOf } from './resource-types.js';

/**
 * Builds a `<Kind>List` response page. Items carry no apiVersion/kind, as in the real API's typed lists,
 * so code tested against the sim does not come to rely on fields a real cluster leaves out.
 */
export function objectList(
  type: ResourceInfo,
  items: readonly KubeObject[],
  resourceVersion: string,
  limit: number | undefined,
  continueToken: string | undefined,
): Record<string, unknown> {
  let start = 0;
  if (continueToken !== undefined && continueToken !== '') {
    try {
      const parsed = JSON.parse(Buffer.from(continueToken, 'base64url').toString('utf8')) as { o?: unknown };
      if (typeof parsed.o !== 'number') throw new Error('no offset');
      start = parsed.o;
    } catch {
      throw badRequest('continue key is not valid: illegal base64 data at input byte 0');
    }
  }
  const end = limit !== undefined && limit > 0 ? Math.min(items.length, start + limit) : items.length;
  const page = items.slice(start, end).map((o) => {
    const { apiVersion: _a, kind: _k, ...rest } = o;
    return rest;
  });
  const metadata: Record<string, unknown> = { resourceVersion };
  if (end < items.length) {
    metadata.continue = Buffer.from(JSON.stringify({ o: end }), 'utf8').toString('base64url');
    metadata.remainingItemCount = items.length - end;
  }
  return { kind: type.listKind, apiVersion: apiVersionOf(type), metadata, items: page };
}
