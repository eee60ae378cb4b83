import type { SimStore } from '../runtime.js';
import type { Pod } from '../controllers/kube-types.js';
import type { WorldMemory } from '../controllers/world-memory.js';
import type { LogLine } from './log-lines.js';
import type { AccessEntry } from './nginx-log-format.js';
import { errorLogTime, formatAccess, formatError, klogPrefix, timeLocal } from './nginx-log-format.js';
import { namespaceLabels } from './network-policy.js';
import { seededRandom, hex } from './seeded-random.js';
import type { Backend, Outcome, Route } from './traffic-model.js';
import { outcomeAt, resolveBackend, routesOf, upstreamName } from './traffic-model.js';

/** How far back generated traffic goes, and one request per route per slot. */
export const TRAFFIC_WINDOW_MS = 30 * 60_000;
const SLOT_MS = 3000;

const CLIENTS = ['203.0.113.24', '198.51.100.7', '203.0.113.91', '192.0.2.45', '10.0.0.1', '198.51.100.130'];
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'curl/8.5.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
];
const REQUESTS = [
  'GET /',
  'GET /api/products',
  'GET /api/products/42',
  'POST /api/cart/items',
  'GET /static/app.js',
  'GET /api/cart',
];

const ERRORS: Record<
  Exclude<Outcome['kind'], 'ok' | 'no-endpoints' | 'dns'>,
  { status: number; message: string }
> = {
  refused: {
    status: 502,
    message: 'connect() failed (111: Connection refused) while connecting to upstream',
  },
  reset: {
    status: 502,
    message: 'recv() failed (104: Connection reset by peer) while reading response header from upstream',
  },
  premature: {
    status: 502,
    message: 'upstream prematurely closed connection while reading response header from upstream',
  },
  'read-timeout': {
    status: 504,
    message: 'upstream timed out (110: Connection timed out) while reading response header from upstream',
  },
  'connect-timeout': {
    status: 504,
    message: 'upstream timed out (110: Connection timed out) while connecting to upstream',
  },
};
const BODY: Record<number, number> = { 200: 0, 502: 150, 503: 190, 504: 160 };

function requestLines(b: Backend, slot: number, at: number, r: () => number, out: LogLine[]): void {
  const route = b.route;
  const [method, uri0] = REQUESTS[Math.floor(r() * REQUESTS.length)]!.split(' ') as [string, string];
  const uri = route.path !== '/' ? `${route.path.replace(/\/$/, '')}${uri0}` : uri0;
  const client = CLIENTS[Math.floor(r() * CLIENTS.length)]!;
  const outcome = outcomeAt(b, at, r);
  const entry: AccessEntry = {
    remoteAddr: client,
    at,
    method,
    uri,
    status: 200,
    bodyBytes: 0,
    referer: r() < 0.5 ? '-' : `https://${route.host}/`,
    userAgent: AGENTS[Math.floor(r() * AGENTS.length)]!,
    requestLength: 300 + Math.floor(r() * 400),
    requestTime: 0,
    upstreamName: upstreamName(route),
    upstreamAddr: '-',
    upstreamResponseLength: '-',
    upstreamResponseTime: '-',
    upstreamStatus: '-',
    reqId: hex(r, 32),
  };
  const connection = 1000 + (slot % 1_000_000) * 7 + Math.floor(r() * 7);
  const err = (message: string, upstream?: string) =>
    out.push({
      at: at + 1,
      text: formatError({
        at,
        connection,
        message,
        client,
        server: route.host,
        request: `${method} ${uri} HTTP/1.1`,
        upstream,
        host: route.host,
      }),
    });
  if (outcome.kind === 'ok') {
    const size = 512 + Math.floor(r() * 8000);
    Object.assign(entry, {
      status: 200,
      bodyBytes: size,
      requestTime: outcome.ms + 0.001,
      upstreamAddr: outcome.addr,
      upstreamResponseLength: String(size),
      upstreamResponseTime: outcome.ms.toFixed(3),
      upstreamStatus: '200',
    });
  } else if (outcome.kind === 'no-endpoints') {
    Object.assign(entry, { status: 503, bodyBytes: BODY[503] });
  } else if (outcome.kind === 'dns') {
    Object.assign(entry, { status: 502, bodyBytes: BODY[502], requestTime: 0.012 });
    err(`${outcome.name} could not be resolved (3: Host not found)`);
  } else {
    const e = ERRORS[outcome.kind];
    Object.assign(entry, {
      status: e.status,
      bodyBytes: BODY[e.status] ?? 0,
      requestTime: outcome.ms + 0.001,
      upstreamAddr: outcome.addr,
      upstreamResponseLength: '0',
      upstreamResponseTime: outcome.ms.toFixed(3),
      upstreamStatus: String(e.status),
    });
    err(e.message, `http://${outcome.addr}${uri}`);
  }
  out.push({ at: at + 2, text: formatAccess(entry) });
}

function controllerWarnings(b: Backend, route: Route, at: number, out: LogLine[]): void {
  const key = `${route.namespace}/${route.serviceName}`;
  if (b.externalName !== undefined) return;
  if (!b.servicePort && b.targets.length === 0) {
    out.push({
      at,
      text: `${klogPrefix('W', at, 'controller.go:1214')}Error obtaining Endpoints for Service "${key}": no object matching key "${key}" in local store`,
    });
  } else if (b.targets.every((t) => !t.view.timelineAt(at).ready)) {
    out.push({
      at,
      text: `${klogPrefix('W', at, 'controller.go:1110')}Service "${key}" does not have any active Endpoint.`,
    });
  }
}

/** Startup banner of the controller container (what `kubectl logs` shows first). */
export function controllerBanner(start: number): LogLine[] {
  const t = (d: number) => start + d;
  return [
    '-------------------------------------------------------------------------------',
    'NGINX Ingress controller',
    '  Release:       v1.12.1',
    '  Build:         51c2b819690bbf1709b844dbf321a9acf6eda5a7',
    '  Repository:    https://github.com/kubernetes/ingress-nginx',
    '  nginx version: nginx/1.25.5',
    '',
    '-------------------------------------------------------------------------------',
    '',
  ]
    .map((text, i) => ({ at: t(i), text }))
    .concat([
      {
        at: t(20),
        text: `${klogPrefix('I', t(20), 'main.go:205')}"Creating API client" host="https://10.96.0.1:443"`,
      },
      {
        at: t(60),
        text: `${klogPrefix('I', t(60), 'main.go:248')}"Running in Kubernetes cluster" major="1" minor="32" git="v1.32.2" state="clean"`,
      },
      { at: t(900), text: `${klogPrefix('I', t(900), 'controller.go:213')}"Backend successfully reloaded"` },
    ]);
}

/** A crash-looping controller: the banner, then the fatal error it exits with. */
export function controllerCrashLines(start: number): LogLine[] {
  return controllerBanner(start)
    .slice(0, 11)
    .concat([
      {
        at: start + 400,
        text: `${klogPrefix('F', start + 400, 'main.go:83')}port 80 is already in use. Please check the flag --http-port`,
      },
    ]);
}

/** Access and error log lines for every Ingress this controller pod served in the traffic window. */
export function ingressTrafficLines(
  store: SimStore,
  memory: WorldMemory,
  pod: Pod,
  peers: Pod[],
  now: number,
): LogLine[] {
  const proxy = {
    namespace: pod.metadata.namespace ?? 'ingress-nginx',
    namespaceLabels: namespaceLabels(store, pod.metadata.namespace ?? 'ingress-nginx'),
    podLabels: pod.metadata.labels ?? {},
  };
  const index = Math.max(
    0,
    peers.findIndex((p) => p.metadata.name === pod.metadata.name),
  );
  const out: LogLine[] = [];
  const from = Math.max(now - TRAFFIC_WINDOW_MS, memory.bornOf(pod, now) + 3000);
  for (const route of routesOf(store)) {
    const backend = resolveBackend(store, memory, route, proxy, now);
    const key = `${route.namespace}/${route.ingress}/${route.host}${route.path}`;
    // Traffic to an app starts once its first pods are up (the shop was not linked before that).
    const firstPod = Math.min(...backend.targets.map((t) => t.view.bornMs));
    const start = Number.isFinite(firstPod) ? Math.max(from, firstPod + 10_000) : from;
    for (let slot = Math.ceil(start / SLOT_MS); slot * SLOT_MS <= now; slot++) {
      if (peers.length > 1 && slot % peers.length !== index) continue;
      const r = seededRandom(memory.seed, key, slot);
      const at = slot * SLOT_MS + Math.floor(r() * (SLOT_MS - 10));
      if (at > now) break;
      requestLines(backend, slot, at, r, out);
      if (slot % 20 === 0) controllerWarnings(backend, route, at - 500, out);
    }
  }
  return out;
}

/** Scenario `proxyLogLines`: `{{t-120s}}` becomes the time 120 s ago, in the format its position implies. */
export function scenarioProxyLines(lines: string[], now: number): LogLine[] {
  return lines.map((line) => {
    let at = now;
    const text = line.replace(/\{\{t-(\d+)s\}\}/g, (_m, s: string, offset: number) => {
      at = now - Number(s) * 1000;
      return offset === 0 ? errorLogTime(at) : timeLocal(at);
    });
    return { at, text };
  });
}
