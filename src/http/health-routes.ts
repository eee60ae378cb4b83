import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Metrics } from '../metrics/metrics.js';

export interface HealthRoutesDeps {
  /** True when Redis and the queue answer; bounded in time by the caller. */
  healthy: () => Promise<{ ok: boolean; detail: Record<string, string> }>;
  metrics: Metrics;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

/** `GET /healthz` and `GET /metrics`, served by Bolt's receiver next to `/slack/events`. */
export function healthRoutes(deps: HealthRoutesDeps): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET', 'HEAD'],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        deps
          .healthy()
          .then(({ ok, detail }) =>
            send(
              res,
              ok ? 200 : 503,
              'application/json',
              JSON.stringify({ status: ok ? 'ok' : 'unavailable', ...detail }),
            ),
          )
          .catch((err: unknown) =>
            send(res, 503, 'application/json', JSON.stringify({ status: 'unavailable', error: String(err) })),
          );
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        deps.metrics
          .render()
          .then(({ contentType, body }) => send(res, 200, contentType, body))
          .catch((err: unknown) => send(res, 500, 'text/plain', `metrics unavailable: ${String(err)}\n`));
      },
    },
  ];
}
