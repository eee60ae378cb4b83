import type { ResourceInfo } from './resource-types.js';
import type { KubeObject } from './scenario.js';
import type { ResourceRequest, ServerContext } from './server-context.js';
import { ApiError, badRequest, conflict, invalid, notFound } from './api-error.js';
import { applyPatch, parsePatchBody, patchTypeOf } from './apply-patch.js';
import { readBody, readObjectBody, sendJson } from './http-io.js';
import { objectList } from './object-list.js';
import { PatchError } from './patch.js';
import { apiVersionOf, findByPlural } from './resource-types.js';
import { fieldPredicate, labelPredicate, SelectorError } from './selectors.js';

/** list / get / create / update / patch / delete / deletecollection on a resource or its status. */

const NAMESPACES = findByPlural('', 'v1', 'namespaces') as ResourceInfo;

export function selectorsOf(url: URL): (o: KubeObject) => boolean {
  try {
    const byLabel = labelPredicate(url.searchParams.get('labelSelector') ?? undefined);
    const byField = fieldPredicate(url.searchParams.get('fieldSelector') ?? undefined);
    return (o) => byLabel(o) && byField(o);
  } catch (err) {
    if (err instanceof SelectorError) throw badRequest(err.message);
    throw err;
  }
}

function withTypeMeta(type: ResourceInfo, obj: KubeObject): KubeObject {
  return { ...obj, apiVersion: apiVersionOf(type), kind: type.kind };
}

export function handleList(ctx: ServerContext, r: ResourceRequest): void {
  const { type, namespace } = r.path;
  const match = selectorsOf(r.url);
  const items = ctx.store.peekList(type, namespace).filter(match);
  const limitParam = r.url.searchParams.get('limit');
  const limit = limitParam !== null ? Number(limitParam) : undefined;
  const cont = r.url.searchParams.get('continue') ?? undefined;
  sendJson(r.res, 200, objectList(type, items, ctx.store.resourceVersion, limit, cont));
}

export function handleGet(ctx: ServerContext, r: ResourceRequest): void {
  const { type, namespace, name = '' } = r.path;
  const obj = ctx.store.peek(type, namespace, name);
  if (!obj) throw notFound(type, name);
  sendJson(r.res, 200, withTypeMeta(type, obj));
}

function asObject(type: ResourceInfo, value: unknown): KubeObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw badRequest('Object must be a JSON object');
  const obj = value as KubeObject;
  if (obj.metadata === null || typeof obj.metadata !== 'object') obj.metadata = { name: '' };
  if (obj.kind !== undefined && obj.kind !== type.kind) {
    throw badRequest(
      `the kind of the provided object ${obj.kind} does not match the resource ${type.plural}`,
    );
  }
  return withTypeMeta(type, obj);
}

function requireNamespace(ctx: ServerContext, namespace: string | undefined): void {
  if (namespace !== undefined && !ctx.store.peek(NAMESPACES, undefined, namespace))
    throw notFound(NAMESPACES, namespace);
}

export async function handleCreate(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const { type, namespace } = r.path;
  const obj = asObject(type, await readObjectBody(r.req));
  if (type.namespaced) {
    if (
      obj.metadata.namespace !== undefined &&
      obj.metadata.namespace !== '' &&
      obj.metadata.namespace !== namespace
    ) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    obj.metadata.namespace = namespace;
    requireNamespace(ctx, namespace);
  }
  // The server owns these on create, whatever the client sent (protobuf clients send zero times).
  delete obj.metadata.resourceVersion;
  delete obj.metadata.creationTimestamp;
  delete obj.metadata.uid;
  if (!obj.metadata.name && typeof obj.metadata.generateName !== 'string') {
    throw invalid(
      type,
      '',
      `${type.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
    );
  }
  if (r.url.searchParams.get('dryRun') === 'All') {
    sendJson(r.res, 201, obj);
    return;
  }
  const created = ctx.store.create(obj);
  ctx.afterWrite();
  sendJson(r.res, 201, created);
}

/** Which parts of the incoming object a write to the main resource vs. `/status` may change. */
function scopeWrite(
  type: ResourceInfo,
  subresource: string | undefined,
  old: KubeObject,
  next: KubeObject,
): KubeObject {
  if (subresource === 'status') return { ...old, status: next.status };
  if (type.subresources.includes('status')) return { ...next, status: old.status };
  return next;
}

function checkPrecondition(type: ResourceInfo, old: KubeObject, next: KubeObject): void {
  const rv = next.metadata.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion)
    throw conflict(type, old.metadata.name);
}

function save(
  ctx: ServerContext,
  r: ResourceRequest,
  type: ResourceInfo,
  old: KubeObject,
  next: KubeObject,
): void {
  const scoped = scopeWrite(type, r.path.subresource, old, next);
  scoped.metadata = { ...scoped.metadata, name: old.metadata.name, namespace: old.metadata.namespace };
  if (r.url.searchParams.get('dryRun') === 'All') {
    sendJson(r.res, 200, scoped);
    return;
  }
  const saved = ctx.store.update(scoped);
  ctx.afterWrite();
  sendJson(r.res, 200, saved);
}

export async function handleUpdate(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const { type, namespace, name = '' } = r.path;
  const next = asObject(type, await readObjectBody(r.req));
  if (next.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  const old = ctx.store.peek(type, namespace, name);
  if (!old) throw notFound(type, name);
  checkPrecondition(type, old, next);
  save(ctx, r, type, old, next);
}

export async function handlePatch(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const { type, namespace, name = '' } = r.path;
  const patchType = patchTypeOf(r.req.headers['content-type']);
  if (!patchType) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
    );
  }
  const patch = parsePatchBody(patchType, (await readBody(r.req)).toString('utf8'));
  const old = ctx.store.peek(type, namespace, name);
  if (!old) {
    if (patchType !== 'application/apply-patch+yaml') throw notFound(type, name);
    // Server-side apply creates what is absent.
    const obj = asObject(type, patch);
    if (type.namespaced) {
      obj.metadata.namespace = namespace;
      requireNamespace(ctx, namespace);
    }
    obj.metadata.name = name;
    const created = ctx.store.create(obj);
    ctx.afterWrite();
    sendJson(r.res, 201, created);
    return;
  }
  let patched: KubeObject;
  try {
    patched = applyPatch(patchType, withTypeMeta(type, old), patch) as KubeObject;
  } catch (err) {
    if (err instanceof PatchError) {
      if (err.status === 400) throw badRequest(err.message);
      throw new ApiError(
        422,
        'Invalid',
        `the server rejected our request due to an error in our request: ${err.message}`,
        {
          name,
          group: type.group,
          kind: type.plural,
        },
      );
    }
    throw err;
  }
  if (
    patched === null ||
    typeof patched !== 'object' ||
    typeof patched.metadata !== 'object' ||
    patched.metadata === null
  ) {
    throw invalid(type, name, `${type.kind} "${name}" is invalid: metadata: Required value`);
  }
  checkPrecondition(type, old, patched);
  save(ctx, r, type, old, withTypeMeta(type, patched));
}

function deleteCascading(ctx: ServerContext, type: ResourceInfo, obj: KubeObject, orphan: boolean): void {
  ctx.store.delete(type, obj.metadata.namespace, obj.metadata.name);
  if (orphan || typeof obj.metadata.uid !== 'string') return;
  // The garbage collector's background propagation, done at once.
  for (const dep of ctx.store.dependentsOf(obj.metadata.uid)) {
    deleteCascading(
      ctx,
      findByPlural(dep.type.group, dep.type.version, dep.type.plural) as ResourceInfo,
      dep.obj,
      false,
    );
  }
}

function isOrphan(url: URL): boolean {
  return (
    url.searchParams.get('propagationPolicy') === 'Orphan' ||
    url.searchParams.get('orphanDependents') === 'true'
  );
}

export function handleDelete(ctx: ServerContext, r: ResourceRequest): void {
  const { type, namespace, name = '' } = r.path;
  const old = ctx.store.peek(type, namespace, name);
  if (!old) throw notFound(type, name);
  deleteCascading(ctx, type, old, isOrphan(r.url));
  ctx.afterWrite();
  if (type.plural === 'pods') {
    sendJson(r.res, 200, withTypeMeta(type, old));
    return;
  }
  sendJson(r.res, 200, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name, group: type.group, kind: type.plural, uid: old.metadata.uid },
  });
}

export function handleDeleteCollection(ctx: ServerContext, r: ResourceRequest): void {
  const { type, namespace } = r.path;
  const victims = ctx.store.peekList(type, namespace).filter(selectorsOf(r.url));
  for (const v of victims) {
    if (ctx.store.peek(type, v.metadata.namespace, v.metadata.name))
      deleteCascading(ctx, type, v, isOrphan(r.url));
  }
  ctx.afterWrite();
  sendJson(r.res, 200, objectList(type, victims, ctx.store.resourceVersion, undefined, undefined));
}
