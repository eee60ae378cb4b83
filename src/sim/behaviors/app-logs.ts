import type { Container } from '../controllers/kube-types.js';
import type { BehaviorProfile } from './behavior-of.js';
import { listeningPorts } from './behavior-of.js';
import type { LogLine } from './log-lines.js';
import { seededRandom } from './seeded-random.js';

/** Longest stretch of steady-state lines generated (older ones would be rotated away anyway). */
const WINDOW_MS = 2 * 3600_000;
const ROUTES = [
  'GET /api/products',
  'GET /api/products/42',
  'POST /api/cart/items',
  'GET /api/cart',
  'GET /healthz',
  'GET /ready',
];

const iso = (ms: number) => new Date(ms).toISOString();

function startup(c: Container, profile: BehaviorProfile, start: number): LogLine[] {
  const port = c.ports?.[0]?.containerPort ?? 8080;
  const lines: LogLine[] = [
    {
      at: start + 50,
      text: `${iso(start + 50)} INFO  starting ${c.image.split('/').pop() ?? c.image} (node v20.18.1, pid 1)`,
    },
    { at: start + 120, text: `${iso(start + 120)} INFO  config loaded from /etc/app/config.yaml` },
  ];
  if (profile.behavior === 'not-listening') {
    const admin = listeningPorts(c, profile)[0] ?? 9090;
    lines.push({
      at: start + 300,
      text: `${iso(start + 300)} INFO  admin server listening on 0.0.0.0:${admin}`,
    });
    lines.push({
      at: start + 310,
      text: `${iso(start + 310)} INFO  HTTP server listening on http://127.0.0.1:${port}`,
    });
  } else if (profile.behavior !== 'crash-loop' && profile.behavior !== 'slow-startup') {
    lines.push({
      at: start + 300,
      text: `${iso(start + 300)} INFO  HTTP server listening on http://0.0.0.0:${port}`,
    });
  }
  return lines;
}

/** The lines one container instance printed between `start` and `end` (its exit, or now). */
export function instanceLogs(
  c: Container,
  profile: BehaviorProfile,
  start: number,
  end: number,
  exited: boolean,
  seedKey: string,
): LogLine[] {
  const lines = startup(c, profile, start);
  const b = profile.behavior;
  if (b === 'crash-loop') {
    const at = start + 900;
    const text = [
      `${iso(at)} INFO  connecting to postgres at 10.96.0.20:5432`,
      `${iso(at + 40)} ERROR unhandled error during startup`,
      'Error: connect ECONNREFUSED 10.96.0.20:5432',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16) {',
      '  errno: -111,',
      "  code: 'ECONNREFUSED',",
      "  syscall: 'connect',",
      "  address: '10.96.0.20',",
      '  port: 5432',
      '}',
      '',
      'Node.js v20.18.1',
    ];
    text.forEach((t, i) => lines.push({ at: at + (i === 0 ? 0 : 40), text: t }));
    return lines.filter((l) => l.at <= end);
  }
  if (b === 'oom') {
    for (let t = start + 500, mb = 96; t < end; t += 1000, mb += 28) {
      lines.push({
        at: t,
        text: `${iso(t)} WARN  cache warmup: ${mb} MB heap used, loading catalog page ${Math.round(mb / 7)}`,
      });
    }
    return lines;
  }
  if (b === 'slow-startup') {
    for (let t = start + 1000, n = 1; t < end && t < start + profile.startupSeconds * 1000; t += 5000, n++) {
      lines.push({
        at: t,
        text: `${iso(t)} INFO  waiting for database… (attempt ${n}, migrations lock held by another instance)`,
      });
    }
    const ready = start + profile.startupSeconds * 1000;
    if (ready <= end && !exited) {
      lines.push({
        at: ready,
        text: `${iso(ready)} INFO  HTTP server listening on http://0.0.0.0:${c.ports?.[0]?.containerPort ?? 8080}`,
      });
    }
    return lines;
  }
  const from = Math.max(start + 1000, end - WINDOW_MS);
  const stepMs = 7000;
  for (let t = Math.ceil(from / stepMs) * stepMs; t < end; t += stepMs) {
    const r = seededRandom(seedKey, t);
    const at = t + Math.floor(r() * 5000);
    const route = ROUTES[Math.floor(r() * ROUTES.length)]!;
    if (b === 'readiness-failing') {
      lines.push({ at, text: `${iso(at)} WARN  readiness check failed: redis ping timed out after 1000ms` });
      lines.push({ at: at + 2, text: `${iso(at + 2)} INFO  GET /ready 503 1003ms` });
    } else if (b === 'slow') {
      lines.push({
        at,
        text: `${iso(at)} INFO  ${route} 200 ${profile.responseMs + Math.floor(r() * 400)}ms`,
      });
    } else if (b === 'saturated') {
      lines.push({
        at,
        text: `${iso(at)} WARN  db pool exhausted (20/20 in use, 37 waiting), request queued ${800 + Math.floor(r() * 1500)}ms`,
      });
      lines.push({
        at: at + 3,
        text: `${iso(at + 3)} INFO  ${route} 200 ${1500 + Math.floor(r() * 2500)}ms`,
      });
    } else {
      lines.push({ at, text: `${iso(at)} INFO  ${route} 200 ${3 + Math.floor(r() * 40)}ms` });
    }
  }
  return lines;
}
