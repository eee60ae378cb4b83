import type { KubeObject } from './scenario.js';
import type { ResourceRequest, ServerContext } from './server-context.js';
import type { StoreEvent } from './store-event.js';
import { apiVersionOf, typeKey } from './resource-types.js';
import { selectorsOf } from './resource-handlers.js';

/**
 * `?watch=true`: a chunked stream of newline-separated `{type, object}` JSON events, as the real API
 * server sends them. Starts with ADDED for the current state when no resourceVersion (or "0") is given,
 * otherwise replays changes after that resourceVersion. Selector changes turn into ADDED/DELETED, like
 * the real watch cache: an object that stops matching is DELETED for this watcher.
 */
export function handleWatch(ctx: ServerContext, r: ResourceRequest): void {
  const { type, namespace, name } = r.path;
  const selected = selectorsOf(r.url);
  const inScope = (o: KubeObject): boolean =>
    (namespace === undefined || o.metadata.namespace === namespace) &&
    (name === undefined || o.metadata.name === name) &&
    selected(o);
  const key = typeKey(type);
  const apiVersion = apiVersionOf(type);

  r.res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  r.res.flushHeaders();

  const write = (eventType: string, obj: KubeObject): void => {
    if (r.res.destroyed || r.res.writableEnded) return;
    r.res.write(JSON.stringify({ type: eventType, object: { ...obj, apiVersion, kind: type.kind } }) + '\n');
  };

  const deliver = (e: StoreEvent): void => {
    if (e.typeKey !== key) return;
    const now = inScope(e.object);
    const before = e.old !== undefined && e.type === 'MODIFIED' ? inScope(e.old) : now;
    if (e.type === 'MODIFIED' && now !== before) write(now ? 'ADDED' : 'DELETED', e.object);
    else if (now) write(e.type, e.object);
  };

  const rvParam = r.url.searchParams.get('resourceVersion');
  const sendInitial = r.url.searchParams.get('sendInitialEvents') === 'true';
  if (rvParam === null || rvParam === '' || rvParam === '0' || sendInitial) {
    for (const obj of ctx.store.peekList(type, namespace)) if (inScope(obj)) write('ADDED', obj);
    if (sendInitial) {
      // The watch-list protocol: a bookmark marks the end of the initial state.
      r.res.write(
        JSON.stringify({
          type: 'BOOKMARK',
          object: {
            apiVersion,
            kind: type.kind,
            metadata: {
              resourceVersion: ctx.store.resourceVersion,
              annotations: { 'k8s.io/initial-events-end': 'true' },
            },
          },
        }) + '\n',
      );
    }
  } else {
    const since = Number(rvParam);
    if (Number.isFinite(since)) for (const e of ctx.store.eventsSince(since)) deliver(e);
  }

  const unsubscribe = ctx.store.subscribe(deliver);
  let timer: NodeJS.Timeout | undefined;
  const end = (): void => {
    unsubscribe();
    untrack();
    if (timer) clearTimeout(timer);
    if (!r.res.writableEnded) r.res.end();
  };
  const untrack = ctx.trackStream(end);
  const timeout = Number(r.url.searchParams.get('timeoutSeconds') ?? '');
  if (Number.isFinite(timeout) && timeout > 0) timer = setTimeout(end, timeout * 1000);
  r.req.on('close', end);
  r.res.on('close', end);
}
