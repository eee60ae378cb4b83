import type { V1Container, V1Pod, V1Probe } from '@kubernetes/client-node';
import type { Check } from './check.js';
import { appEvents } from './app-events.js';
import { appPods, workloadOf } from './app-objects.js';
import { firstFetchProblem } from './fetch-problem.js';
import { isPodReady, podIps, podName, podStartedAt, toDate } from './pod-facts.js';
import { proxyLogFacts } from './proxy-log-facts.js';

/** Seconds until a probe with these settings gives up on a container that is still starting. */
export function probeWindowSeconds(p: V1Probe): number {
  return (p.initialDelaySeconds ?? 0) + (p.periodSeconds ?? 10) * (p.failureThreshold ?? 3);
}

function probeTarget(c: V1Container, p: V1Probe | undefined): string {
  if (p?.httpGet) return `httpGet ${p.httpGet.path ?? '/'}`;
  if (p?.tcpSocket) return `tcpSocket ${String(p.tcpSocket.port)}`;
  return `httpGet ${c.readinessProbe?.httpGet?.path ?? '/healthz'}`;
}

/** `add startupProbe: httpGet /healthz, failureThreshold 30, periodSeconds 2` sized to cover `needSeconds`. */
export function startupProbeAdvice(c: V1Container, needSeconds: number): string {
  const failureThreshold = Math.max(30, Math.ceil(needSeconds / 2));
  return `${c.name}: add startupProbe: ${probeTarget(c, c.livenessProbe ?? c.readinessProbe)}, failureThreshold ${failureThreshold}, periodSeconds 2 (covers ${failureThreshold * 2}s of startup)`;
}

/** How long the pod took to become Ready after its containers started, when it did. */
function observedStartupSeconds(pod: V1Pod): number | undefined {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  const readyAt = toDate(ready?.lastTransitionTime);
  const started = (pod.status?.containerStatuses ?? [])
    .map((c) => toDate(c.state?.running?.startedAt))
    .filter((d): d is Date => d !== undefined);
  if (!readyAt || started.length === 0) return undefined;
  return (readyAt.getTime() - Math.max(...started.map((d) => d.getTime()))) / 1000;
}

/**
 * The runbook's pro tip: liveness kills containers before they become ready, or traffic reaches pods before
 * they are ready (no readiness probe). Suggests probe settings sized to the observed startup.
 */
export const probesCheck: Check = {
  id: 'probes',
  runbookStep: 'pro-tip',
  title: 'Probes vs startup time',
  run(s) {
    const problem = firstFetchProblem(s.pods);
    if (problem) return problem;
    const pods = appPods(s);
    const containers =
      pods[0]?.spec?.containers ?? workloadOf(s)?.object.spec?.template.spec?.containers ?? [];
    if (containers.length === 0)
      return { status: 'skipped', summary: 'no containers to inspect', evidence: [] };
    const events = appEvents(s);
    const livenessFails = events.filter(
      (e) => e.reason === 'Unhealthy' && /^Liveness probe failed/i.test(e.message ?? ''),
    );
    // Killing events are type Normal, so the snapshot (Warning events) rarely has them: SIGKILL exits
    // (137) after liveness failures say the same.
    const killings = events.filter((e) => e.reason === 'Killing' && /liveness/i.test(e.message ?? ''));
    const sigkilled = pods.filter((p) =>
      (p.status?.containerStatuses ?? []).some(
        (c) =>
          c.restartCount > 0 &&
          c.lastState?.terminated?.reason !== 'OOMKilled' &&
          (c.lastState?.terminated?.exitCode ?? c.state?.terminated?.exitCode) === 137,
      ),
    );
    const restarting = pods.filter((p) =>
      (p.status?.containerStatuses ?? []).some((c) => c.restartCount > 0),
    );
    const neverReady = restarting.filter((p) => !isPodReady(p));
    // 1. Liveness kills containers that are still starting.
    if (livenessFails.length > 0 && (killings.length > 0 || sigkilled.length > 0) && neverReady.length > 0) {
      const c = containers.find((x) => x.livenessProbe) ?? containers[0]!;
      const window = c.livenessProbe ? probeWindowSeconds(c.livenessProbe) : 30;
      const evidence = [
        `${livenessFails[0]!.involvedObject.name}: ${livenessFails[0]!.message ?? ''} (×${livenessFails.reduce((n, e) => n + (e.count ?? 1), 0)})`,
        killings[0]
          ? `${killings[0].involvedObject.name}: ${killings[0].message ?? ''}`
          : `${sigkilled.length} pod(s) killed with exit code 137 (SIGKILL) after failed liveness probes`,
        `${neverReady.length} pod(s) restarting and never Ready: ${neverReady.map(podName).slice(0, 3).join(', ')}`,
        `${c.name}: livenessProbe gives up after ${window}s (initialDelaySeconds ${c.livenessProbe?.initialDelaySeconds ?? 0}, periodSeconds ${c.livenessProbe?.periodSeconds ?? 10}, failureThreshold ${c.livenessProbe?.failureThreshold ?? 3})${c.startupProbe ? '' : ', no startupProbe'}`,
        startupProbeAdvice(c, window * 3),
      ];
      return {
        status: 'fail',
        summary: `the liveness probe kills ${s.app} before it becomes ready`,
        evidence,
        proposals: [
          {
            cause: 'slow-startup',
            confidence: 'high',
            summary: `The liveness probe restarts ${s.app} after ${window}s, before it finishes starting: add a startupProbe (or raise initialDelaySeconds) so it can become ready.`,
          },
        ],
      };
    }
    // 2. Startup observed slower than the liveness window (it got lucky so far, or restarts intermittently).
    for (const p of pods) {
      const took = observedStartupSeconds(p);
      const c = containers.find((x) => x.livenessProbe);
      if (took === undefined || !c?.livenessProbe || c.startupProbe) continue;
      const window = probeWindowSeconds(c.livenessProbe);
      if (took > window && restarting.length > 0) {
        return {
          status: 'fail',
          summary: `${s.app} needs ${Math.round(took)}s to start; liveness gives up after ${window}s`,
          evidence: [`${podName(p)}: Ready ${Math.round(took)}s after start`, startupProbeAdvice(c, took)],
          proposals: [
            {
              cause: 'slow-startup',
              confidence: 'medium',
              summary: `${s.app} starts slower (${Math.round(took)}s) than its liveness probe allows (${window}s): add a startupProbe.`,
            },
          ],
        };
      }
    }
    // 3. No readiness probe: the Service routes to pods the moment they run.
    const noReadiness = containers.filter((c) => !c.readinessProbe && (c.ports?.length ?? 0) > 0);
    if (noReadiness.length > 0) {
      const facts = proxyLogFacts(s);
      const early = (facts?.failures ?? []).filter((f) => {
        if (f.by !== 'pod-ip') return false;
        const pod = pods.find((p) => podIps(p).includes(f.line.upstreamAddr?.split(':')[0] ?? ''));
        const start = pod ? podStartedAt(pod) : undefined;
        return (
          start !== undefined &&
          f.line.time !== undefined &&
          f.line.time.getTime() - start.getTime() < 120_000 &&
          f.line.time >= start
        );
      });
      const evidence = noReadiness.map(
        (c) =>
          `${c.name}: no readinessProbe — traffic is sent as soon as the container runs; add readinessProbe: ${probeTarget(c, c.livenessProbe)}, initialDelaySeconds 5, periodSeconds 5`,
      );
      if (early.length > 0) evidence.push(`${early.length} proxy error(s) within 2 min of a pod start`);
      return {
        status: early.length > 0 ? 'fail' : 'warn',
        summary: `${noReadiness.length} container(s) without a readiness probe`,
        evidence,
        proposals: [
          {
            cause: 'slow-startup',
            confidence: early.length > 0 ? 'medium' : 'low',
            summary: `${s.app} has no readiness probe, so the proxy sends traffic before it is ready: add a readinessProbe.`,
          },
        ],
      };
    }
    return { status: 'ok', summary: 'probes fit the observed startup', evidence: [] };
  },
};
