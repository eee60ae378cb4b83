import {
  ApiException,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
  type V1ReplicaSet,
} from '@kubernetes/client-node';
import type { KubeClients } from '../k8s/clients.js';
import type { JsonPatchOp } from './deployment-patches.js';

/** How a write attempt ended, as far as we can know. */
export type WriteError =
  /** The guard held: someone else wrote in between (422 failed test, 409 conflict). Nothing changed. */
  | { kind: 'conflict'; status: number; message: string }
  /** The API server refused (403, 404, 400…). Nothing changed. */
  | { kind: 'rejected'; status: number; message: string }
  /** No answer (timeout, connection lost): the write may or may not have been applied. */
  | { kind: 'no-answer'; message: string };

function apiMessage(err: ApiException<unknown>): string {
  const body = err.body;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as { message?: string };
      if (parsed.message) return parsed.message;
    } catch {
      return body.slice(0, 300);
    }
  }
  if (body && typeof body === 'object' && 'message' in body) return String(body.message);
  return err.message.split('\n')[0] ?? 'error';
}

export function classifyWriteError(err: unknown): WriteError {
  if (err instanceof ApiException) {
    const status = err.code;
    const message = apiMessage(err);
    if (status === 422 || status === 409) return { kind: 'conflict', status, message };
    if (status >= 500) return { kind: 'no-answer', message: `API server answered ${status}: ${message}` };
    return { kind: 'rejected', status, message };
  }
  return { kind: 'no-answer', message: err instanceof Error ? err.message : String(err) };
}

/** The Deployment, or undefined when it does not exist. */
export async function readDeployment(
  k: KubeClients,
  namespace: string,
  name: string,
): Promise<V1Deployment | undefined> {
  try {
    return await k.apps.readNamespacedDeployment({ name, namespace });
  } catch (err) {
    if (err instanceof ApiException && err.code === 404) return undefined;
    throw err;
  }
}

export async function listReplicaSets(k: KubeClients, namespace: string): Promise<V1ReplicaSet[]> {
  return (await k.apps.listNamespacedReplicaSet({ namespace })).items;
}

/** A JSON patch; its `test` ops make it all-or-nothing against concurrent writers. */
export async function patchDeployment(
  k: KubeClients,
  namespace: string,
  name: string,
  ops: JsonPatchOp[],
): Promise<V1Deployment> {
  return k.apps.patchNamespacedDeployment(
    { name, namespace, body: ops, fieldManager: 'gw502' },
    setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
  );
}
