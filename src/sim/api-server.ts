import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourcePath } from './parse-resource-path.js';
import type { ResourceRequest, ServerContext } from './server-context.js';
import { ApiError, forbidden } from './api-error.js';
import { isForbidden, userFromAuthorization } from './authorize.js';
import { apiGroup, apiGroupList, apiResourceList, coreVersions, versionInfo } from './discovery.js';
import { sendError, sendJson, sendText } from './http-io.js';
import { handleMetrics } from './metrics-handler.js';
import { OPENAPI_V2_PROTOBUF, openApiV2Protobuf } from './openapi-v2.js';
import { parseResourcePath } from './parse-resource-path.js';
import {
  handleCreate,
  handleDelete,
  handleDeleteCollection,
  handleGet,
  handleList,
  handlePatch,
  handleUpdate,
} from './resource-handlers.js';
import { handleAccessReview, handleLog, handleProxy, handleScale } from './subresource-handlers.js';
import { handleWatch } from './watch-stream.js';

/** One request as seen by the server, for counting API calls per diagnosis. */
export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The RBAC verb the request maps to (`list`, `get`, `watch`, `patch`…), when it is a resource request. */
  verb?: string;
  at: Date;
}

const NOT_FOUND = new ApiError(404, 'NotFound', 'the server could not find the requested resource');
const METHOD_VERBS: Record<string, string> = {
  GET: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** The RBAC verb of a resource request (what Scenario.forbidden rules name). */
function verbOf(method: string, path: ResourcePath, url: URL): string {
  const watch = url.searchParams.get('watch');
  const isWatch = watch === 'true' || watch === '1';
  if (path.subresource === 'proxy' || path.subresource === 'log') return METHOD_VERBS[method] ?? 'get';
  if (path.name === undefined || path.name === '') {
    if (method === 'GET') return isWatch ? 'watch' : 'list';
    if (method === 'DELETE') return 'deletecollection';
  }
  if (method === 'GET' && isWatch) return 'watch';
  return METHOD_VERBS[method] ?? method.toLowerCase();
}

function discovery(ctx: ServerContext, pathname: string): unknown {
  const metrics = ctx.metricsServer();
  const segs = pathname.split('/').filter((s) => s !== '');
  if (pathname === '/version' || pathname === '/version/') return versionInfo();
  if (segs[0] === 'api' && segs.length === 1) return coreVersions();
  if (segs[0] === 'api' && segs.length === 2) return apiResourceList('', segs[1] ?? '', metrics);
  if (segs[0] === 'apis' && segs.length === 1) return apiGroupList(metrics);
  if (segs[0] === 'apis' && segs.length === 2) return apiGroup(segs[1] ?? '', metrics);
  if (segs[0] === 'apis' && segs.length === 3) return apiResourceList(segs[1] ?? '', segs[2] ?? '', metrics);
  return undefined;
}

async function dispatch(ctx: ServerContext, r: ResourceRequest, method: string, verb: string): Promise<void> {
  const { type, subresource, name } = r.path;
  if (type.group === 'metrics.k8s.io') {
    if (method !== 'GET')
      throw new ApiError(
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource`,
      );
    return handleMetrics(ctx, r);
  }
  if (type.plural === 'selfsubjectaccessreviews' && method === 'POST') return handleAccessReview(ctx, r);
  if (subresource === 'log' && method === 'GET') return handleLog(ctx, r);
  if (subresource === 'proxy') return handleProxy(ctx, r);
  if (subresource === 'scale') return handleScale(ctx, r);
  if (subresource !== undefined && subresource !== 'status') throw NOT_FOUND;
  if (!type.verbs.includes(verb)) {
    throw new ApiError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    );
  }
  switch (verb) {
    case 'list':
      return handleList(ctx, r);
    case 'watch':
      return handleWatch(ctx, r);
    case 'get':
      return handleGet(ctx, r);
    case 'create':
      if (name !== undefined)
        throw new ApiError(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
      return handleCreate(ctx, r);
    case 'update':
      return handleUpdate(ctx, r);
    case 'patch':
      return handlePatch(ctx, r);
    case 'delete':
      return handleDelete(ctx, r);
    case 'deletecollection':
      return handleDeleteCollection(ctx, r);
    default:
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
  }
}

/**
 * The HTTP front of the simulated kube-apiserver: routes discovery, resource and subresource requests,
 * enforces the forbidden rules with the real 403 wording, and records each request.
 */
export function createRequestHandler(
  ctx: ServerContext,
  record: (r: RequestRecord) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const path = parseResourcePath(url.pathname);
    const verb = path ? verbOf(method, path, url) : undefined;
    record({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(verb !== undefined ? { verb } : {}),
      at: new Date(),
    });
    const run = async (): Promise<void> => {
      if (!path || verb === undefined) {
        if (['/healthz', '/livez', '/readyz'].includes(url.pathname)) return sendText(res, 200, 'ok');
        if (url.pathname === '/openapi/v2' && method === 'GET') {
          const doc = openApiV2Protobuf(versionInfo().gitVersion ?? 'v1.32.0');
          res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTOBUF, 'Content-Length': doc.length });
          return void res.end(doc);
        }
        const doc = method === 'GET' ? discovery(ctx, url.pathname) : undefined;
        if (doc === undefined) throw NOT_FOUND;
        return sendJson(res, 200, doc);
      }
      const user = userFromAuthorization(req.headers.authorization);
      const denied = isForbidden(ctx.forbidden(), {
        verb,
        type: path.type,
        ...(path.subresource !== undefined ? { subresource: path.subresource } : {}),
        ...(path.namespace !== undefined ? { namespace: path.namespace } : {}),
      });
      if (denied) {
        throw forbidden({
          user,
          verb,
          type: path.type,
          ...(path.subresource !== undefined ? { subresource: path.subresource } : {}),
          ...(path.namespace !== undefined ? { namespace: path.namespace } : {}),
          ...(path.name !== undefined ? { name: path.name } : {}),
        });
      }
      await dispatch(ctx, { req, res, url, path, user }, method, verb);
    };
    run().catch((err: unknown) => sendError(res, err));
  };
}
