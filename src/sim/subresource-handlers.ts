import type { LogRequest } from './runtime.js';
import type { KubeObject } from './scenario.js';
import type { ResourceRequest, ServerContext } from './server-context.js';
import { ApiError, badRequest, notFound } from './api-error.js';
import { applyPatch, parsePatchBody, patchTypeOf } from './apply-patch.js';
import { isForbidden } from './authorize.js';
import { parseJsonBody, readBody, readObjectBody, sendJson, sendText, sleep } from './http-io.js';

/** pods/log, services|pods/proxy, the scale subresources and selfsubjectaccessreviews. */

function errorFromRuntime(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const status = (err as { statusCode?: unknown }).statusCode;
  const message = err instanceof Error ? err.message : String(err);
  if (status === 400) return badRequest(message);
  if (status === 404) return new ApiError(404, 'NotFound', message);
  return new ApiError(500, 'InternalError', message);
}

function optionalInt(url: URL, key: string): number | undefined {
  const v = url.searchParams.get(key);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw badRequest(`${key}: invalid value "${v}"`);
  return n;
}

export function handleLog(ctx: ServerContext, r: ResourceRequest): void {
  const { type, namespace = '', name = '' } = r.path;
  if (!ctx.store.peek(type, namespace, name)) throw notFound(type, name);
  const q = r.url.searchParams;
  const req: LogRequest = { namespace, pod: name };
  const container = q.get('container');
  if (container) req.container = container;
  if (q.get('previous') === 'true') req.previous = true;
  if (q.get('timestamps') === 'true') req.timestamps = true;
  const tail = optionalInt(r.url, 'tailLines');
  if (tail !== undefined) req.tailLines = tail;
  const since = optionalInt(r.url, 'sinceSeconds');
  if (since !== undefined) req.sinceSeconds = since;
  let lines: string[];
  try {
    lines = ctx.runtime.logs(ctx.store, req, ctx.now());
  } catch (err) {
    throw errorFromRuntime(err);
  }
  let text = lines.map((l) => `${l}\n`).join('');
  const limitBytes = optionalInt(r.url, 'limitBytes');
  if (limitBytes !== undefined && limitBytes >= 0)
    text = Buffer.from(text).subarray(0, limitBytes).toString('utf8');
  sendText(r.res, 200, text);
}

/** `name`, `name:port`, `https:name:port` (the API server's proxy name syntax). */
export function parseProxyName(raw: string): { name: string; port?: string } {
  const parts = raw.split(':');
  if (parts.length === 3) return { name: parts[1] ?? '', port: parts[2] ?? '' };
  if (parts.length === 2) return { name: parts[0] ?? '', port: parts[1] ?? '' };
  return { name: raw };
}

export async function handleProxy(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const { type, namespace = '', name: rawName = '', rest = '/' } = r.path;
  const { name, port } = parseProxyName(rawName);
  if (!ctx.store.peek(type, namespace, name)) throw notFound(type, name);
  const search = r.url.search;
  const resource = type.plural === 'pods' ? 'pods' : 'services';
  let answer;
  try {
    answer = ctx.runtime.proxy(
      ctx.store,
      {
        namespace,
        resource,
        name,
        ...(port !== undefined && port !== '' ? { port } : {}),
        path: rest + search,
      },
      ctx.now(),
    );
  } catch (err) {
    throw errorFromRuntime(err);
  }
  if (answer.kind === 'unreachable') {
    throw new ApiError(503, 'ServiceUnavailable', answer.message);
  }
  if (answer.delayMs !== undefined && answer.delayMs > 0) {
    // A slow backend: the client may give up first (its timeout is what is being tested).
    await sleep(answer.delayMs);
    if (r.res.destroyed || r.req.destroyed) return;
  }
  const looksJson = /^\s*[[{]/.test(answer.body);
  sendText(r.res, answer.status, answer.body, looksJson ? 'application/json' : 'text/plain; charset=utf-8');
}

function replicasOf(obj: KubeObject, where: 'spec' | 'status'): number {
  const part = obj[where] as { replicas?: unknown } | undefined;
  return typeof part?.replicas === 'number' ? part.replicas : 0;
}

function scaleOf(obj: KubeObject): Record<string, unknown> {
  const md = obj.metadata;
  const selector = (obj.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)
    ?.selector;
  const selectorText = Object.entries(selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: md.name,
      namespace: md.namespace,
      uid: md.uid,
      resourceVersion: md.resourceVersion,
      creationTimestamp: md.creationTimestamp,
    },
    spec: { replicas: replicasOf(obj, 'spec') },
    status: { replicas: replicasOf(obj, 'status'), selector: selectorText },
  };
}

export async function handleScale(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const { type, namespace, name = '' } = r.path;
  const obj = ctx.store.get(type, namespace, name);
  if (!obj) throw notFound(type, name);
  const method = r.req.method ?? 'GET';
  if (method === 'GET') {
    sendJson(r.res, 200, scaleOf(obj));
    return;
  }
  const body = (await readBody(r.req)).toString('utf8');
  let next: unknown;
  if (method === 'PUT') next = parseJsonBody(body);
  else {
    const pt = patchTypeOf(r.req.headers['content-type']);
    if (!pt) throw new ApiError(415, 'UnsupportedMediaType', 'unsupported patch type');
    next = applyPatch(pt, scaleOf(obj), parsePatchBody(pt, body));
  }
  const replicas = (next as { spec?: { replicas?: unknown } }).spec?.replicas;
  if (typeof replicas !== 'number' || replicas < 0) throw badRequest('spec.replicas must be a number ≥ 0');
  obj.spec = { ...(obj.spec as object), replicas };
  const saved = ctx.store.update(obj);
  ctx.afterWrite();
  sendJson(r.res, 200, scaleOf(saved));
}

/** `kubectl auth can-i` and gw502's permission pre-checks: answered from the forbidden rules. */
export async function handleAccessReview(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const review = (await readObjectBody(r.req)) as {
    spec?: {
      resourceAttributes?: {
        verb?: string;
        resource?: string;
        subresource?: string;
        group?: string;
        namespace?: string;
      };
    };
  };
  const a = review.spec?.resourceAttributes;
  if (!a?.verb || !a.resource) throw badRequest('spec.resourceAttributes.verb and .resource are required');
  const denied = isForbidden(ctx.forbidden(), {
    verb: a.verb,
    type: { group: a.group ?? '', plural: a.resource },
    ...(a.subresource ? { subresource: a.subresource } : {}),
    ...(a.namespace ? { namespace: a.namespace } : {}),
  });
  sendJson(r.res, 201, {
    ...review,
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    // Like RBAC: when nothing allows it, allowed is false with no reason (RBAC never sets denied).
    status: { allowed: !denied },
  });
}
