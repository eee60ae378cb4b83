import type { Fetched, FetchError } from '../k8s/snapshot.js';
import type { CheckOutcome } from './check.js';

/** What a missing piece of the snapshot means to a check: `error` naming the permission, or `skipped`. */
export function fetchProblemOutcome(error: FetchError): CheckOutcome {
  const where = error.namespace ? ` in namespace ${error.namespace}` : '';
  if (error.status === 404) {
    return {
      status: 'skipped',
      summary: `${error.resource} is not served by this cluster (404)${error.resource.includes('metrics') ? ': metrics-server is not installed' : ''}`,
      evidence: [],
    };
  }
  if (error.status === 401 || error.status === 403) {
    return {
      status: 'error',
      summary: `cannot ${error.verb} ${error.resource}${where} (${error.status}): grant ${error.verb} on ${error.resource}`,
      evidence: [error.message].filter(Boolean),
    };
  }
  const code = error.status === 0 ? 'no answer' : String(error.status);
  return {
    status: 'error',
    summary: `could not ${error.verb} ${error.resource}${where} (${code}): ${error.message}`,
    evidence: [],
  };
}

/** The first piece that could not be fetched, as an outcome; undefined when all were fetched. */
export function firstFetchProblem(...pieces: Fetched<unknown>[]): CheckOutcome | undefined {
  for (const piece of pieces) if (!piece.ok) return fetchProblemOutcome(piece.error);
  return undefined;
}
