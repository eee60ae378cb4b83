import { ApiException } from '@kubernetes/client-node';
import type { FetchError, Fetched } from './snapshot.js';

export interface RequestDescription {
  verb: string;
  resource: string;
  namespace?: string;
}

/** The message of a Kubernetes Status body, when the error carries one. */
function statusMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    try {
      return statusMessage(JSON.parse(body));
    } catch {
      return body.trim() || undefined;
    }
  }
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') {
    return body.message;
  }
  return undefined;
}

/** Turn anything a client-node call throws into a FetchError (status 0 = no answer at all). */
export function toFetchError(err: unknown, req: RequestDescription): FetchError {
  if (err instanceof ApiException) {
    const code = typeof err.code === 'number' ? err.code : 0;
    return { ...req, status: code, message: statusMessage(err.body) ?? `HTTP ${code}` };
  }
  const e = err as { name?: string; message?: string; code?: string; type?: string };
  if (e?.name === 'AbortError' || e?.type === 'aborted' || e?.name === 'TimeoutError') {
    return { ...req, status: 0, message: 'request timed out' };
  }
  const detail = e?.code ?? e?.message ?? String(err);
  return { ...req, status: 0, message: `no answer from the API server (${detail})` };
}

/** Await a request; never throws: the failure becomes a value the checks can report. */
export async function fetched<T>(promise: Promise<T>, req: RequestDescription): Promise<Fetched<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (err) {
    return { ok: false, error: toFetchError(err, req) };
  }
}

/** Like `fetched`, but a 404 is a normal answer (`undefined`): "does this object exist?" */
export async function fetchedOptional<T>(
  promise: Promise<T>,
  req: RequestDescription,
): Promise<Fetched<T | undefined>> {
  const result = await fetched(promise, req);
  if (!result.ok && result.error.status === 404) return { ok: true, value: undefined };
  return result;
}

export function valueOr<T>(f: Fetched<T>, fallback: T): T {
  return f.ok ? f.value : fallback;
}
