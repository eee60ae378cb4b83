import { Watch, type KubeConfig } from '@kubernetes/client-node';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchCollectionOptions<T> {
  kubeConfig: KubeConfig;
  /** Collection path, e.g. `/apis/apps/v1/namespaces/shop/deployments`. */
  path: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** The same collection listed (typed client, same selectors): the state a watch resumes from. */
  list: () => Promise<{ items: T[]; metadata?: { resourceVersion?: string } }>;
  /** The full current state: after the first list and after every re-list. */
  onSync: (items: T[]) => void;
  onEvent: (type: WatchEventType, obj: T) => void;
  /** A watch or re-list failed; it is retried until the signal aborts. */
  onTrouble?: (message: string) => void;
  signal: AbortSignal;
  /** Server-side watch timeout; the API server ends the stream then and we resume from the last version. */
  watchTimeoutSeconds?: number;
}

/**
 * List-then-watch, the informer pattern without the cache: list once for the state and resourceVersion,
 * watch from there, and when the stream ends (server timeout, 410 Gone, network blip) resume or re-list.
 * Resolves when the signal aborts. The FIRST list's failure is thrown (the caller turns it into exit 2:
 * if we cannot even list, waiting is pointless); later failures are retried with backoff.
 */
export async function watchCollection<T extends { metadata?: { resourceVersion?: string } }>(
  opts: WatchCollectionOptions<T>,
): Promise<void> {
  const { signal } = opts;
  const first = await opts.list();
  opts.onSync(first.items);
  let resourceVersion = first.metadata?.resourceVersion;
  let backoffMs = 250;
  const watch = new Watch(opts.kubeConfig);

  while (!signal.aborted) {
    if (resourceVersion === undefined) {
      try {
        const again = await opts.list();
        opts.onSync(again.items);
        resourceVersion = again.metadata?.resourceVersion;
        backoffMs = 250;
      } catch (err) {
        opts.onTrouble?.(`re-list of ${opts.path} failed: ${messageOf(err)}`);
        await sleep(backoffMs, signal);
        backoffMs = Math.min(backoffMs * 2, 5000);
        continue;
      }
    }
    const startedAt = Date.now();
    const ended = await new Promise<{ gone: boolean; error?: unknown }>((resolve) => {
      let gone = false;
      let controller: AbortController | undefined;
      const onAbort = (): void => controller?.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      watch
        .watch(
          opts.path,
          {
            resourceVersion,
            allowWatchBookmarks: true,
            labelSelector: opts.labelSelector,
            fieldSelector: opts.fieldSelector,
            timeoutSeconds: opts.watchTimeoutSeconds ?? 300,
          },
          (type: string, obj: T & { code?: number }) => {
            if (type === 'ERROR') {
              // 410 Gone: our resourceVersion is too old for the watch cache; re-list.
              gone = obj.code === 410 || gone;
              return;
            }
            const rv = obj.metadata?.resourceVersion;
            if (rv) resourceVersion = rv;
            if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') opts.onEvent(type, obj);
          },
          (err: unknown) => {
            signal.removeEventListener('abort', onAbort);
            resolve({ gone, error: err ?? undefined });
          },
        )
        .then((c) => {
          controller = c;
          if (signal.aborted) c.abort();
        })
        .catch((err: unknown) => {
          signal.removeEventListener('abort', onAbort);
          resolve({ gone, error: err });
        });
    });
    if (signal.aborted) break;
    if (ended.gone || statusOf(ended.error) === 410) resourceVersion = undefined;
    const failed = ended.error !== undefined && !isAbort(ended.error);
    // A stream that fails, or keeps closing at once, must not turn into a busy loop against the API.
    if (failed || Date.now() - startedAt < 1000) {
      if (failed) opts.onTrouble?.(`watch of ${opts.path} ended: ${messageOf(ended.error)}`);
      await sleep(backoffMs, signal);
      backoffMs = Math.min(backoffMs * 2, 5000);
    } else {
      backoffMs = 250;
    }
  }
}

function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number } | undefined)?.statusCode;
}

function isAbort(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name;
  return name === 'AbortError';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
