import type { Check } from './check.js';
import { ingressTimeouts } from '../proxy/ingress-nginx/read-ingress-nginx-config.js';
import { appPods, findAppIngresses } from './app-objects.js';
import { fetchProblemOutcome } from './fetch-problem.js';
import { isPodReady } from './pod-facts.js';
import { current, proxyLogFacts } from './proxy-log-facts.js';

const ANN = 'nginx.ingress.kubernetes.io/';
const sec = (ms: number | undefined): string => `${(ms ?? 0) / 1000}s`;

/**
 * Step 4 / FAQ: proxy timeouts shorter than the app needs. Read timeouts with answers that take about as
 * long as the timeout, or a direct probe slower than it. Connect timeouts are not this: they are packets
 * dropped on the way (NetworkPolicy), so they are left to the network-policy check.
 */
export const proxyTimeoutsCheck: Check = {
  id: 'proxy-timeouts',
  runbookStep: '4',
  title: 'Proxy timeouts',
  run(s) {
    if (!s.ingresses.ok) return fetchProblemOutcome(s.ingresses.error);
    const ingresses = findAppIngresses(s);
    if (ingresses.length === 0)
      return { status: 'skipped', summary: `no Ingress routes to ${s.app}`, evidence: [] };
    const cm = s.proxy.configMap.ok ? s.proxy.configMap.value : undefined;
    const settings = ingresses.map((i) => {
      const t = ingressTimeouts(i, cm);
      const a = i.metadata?.annotations ?? {};
      const origin = a[`${ANN}proxy-read-timeout`]
        ? 'annotation'
        : cm?.data?.['proxy-read-timeout']
          ? 'ConfigMap'
          : 'default';
      return { name: i.metadata?.name ?? '?', t, origin };
    });
    const readMs = Math.min(...settings.map((x) => x.t.readMs ?? 60_000));
    const evidence = settings.map(
      (x) =>
        `ingress ${x.name}: proxy-read-timeout ${sec(x.t.readMs)} (${x.origin}), proxy-send-timeout ${sec(x.t.sendMs)}, proxy-connect-timeout ${sec(x.t.connectMs)}`,
    );
    const timeouts = current(proxyLogFacts(s)?.failures ?? []).filter(
      (f) => f.line.kind === 'timeout' && !/while connecting to upstream/.test(f.line.raw),
    );
    const atTimeout = timeouts.filter(
      (f) => f.line.upstreamResponseMs === undefined || f.line.upstreamResponseMs >= readMs * 0.9,
    );
    const probe = s.healthProbe.ok ? s.healthProbe.value : undefined;
    const probeSlow =
      probe && (probe.timedOut || probe.durationMs > readMs) && (probe.durationMs > readMs || probe.timedOut);
    if (atTimeout.length === 0 && !probeSlow) {
      return { status: 'ok', summary: `read timeout ${sec(readMs)}; no request hit it`, evidence: [] };
    }
    if (atTimeout.length) {
      const slowest = Math.max(...atTimeout.map((f) => f.line.upstreamResponseMs ?? readMs));
      evidence.push(
        `${atTimeout.length} request(s) timed out after ~${sec(Math.round(slowest / 100) * 100)} ≈ proxy-read-timeout ${sec(readMs)}`,
      );
    }
    if (probeSlow)
      evidence.push(
        `direct probe ${probe.url} took ${probe.durationMs} ms${probe.timedOut ? ' (timed out)' : ''} > read timeout ${sec(readMs)}`,
      );
    const pods = appPods(s);
    const appUp = pods.length > 0 && pods.some(isPodReady);
    if (!appUp)
      return { status: 'warn', summary: 'requests time out, but the app pods are not ready', evidence };
    const explicit = settings.some((x) => x.origin !== 'default');
    return {
      status: 'fail',
      summary: `the app needs longer than the ${sec(readMs)} proxy read timeout`,
      evidence,
      proposals: [
        {
          cause: 'proxy-timeout-too-low',
          confidence: (atTimeout.length > 0 && probeSlow) || explicit ? 'high' : 'medium',
          summary: `${s.app} answers slower than the ${sec(readMs)} proxy-read-timeout: raise nginx.ingress.kubernetes.io/proxy-read-timeout on the Ingress (or make the endpoint faster).`,
        },
      ],
    };
  },
};
