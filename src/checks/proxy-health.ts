import type { Check } from './check.js';
import { allContainerStatuses, describeContainer } from './container-problems.js';
import { fetchProblemOutcome } from './fetch-problem.js';
import { isPodReady } from './pod-facts.js';

/** Step 3: is the gateway itself up? A down or crash-looping controller 502s/503s every app. */
export const proxyHealthCheck: Check = {
  id: 'proxy-health',
  runbookStep: '3',
  title: 'Proxy health',
  run(s) {
    const { proxy } = s;
    const name = `deployment/${proxy.deploymentName}`;
    if (!proxy.deployment.ok) return fetchProblemOutcome(proxy.deployment.error);
    if (!proxy.deployment.value) {
      return {
        status: 'skipped',
        summary: `no ${name} in namespace ${proxy.namespace}: set proxy.namespace / proxy.deployment in the config if the gateway lives elsewhere`,
        evidence: [],
      };
    }
    if (!proxy.pods.ok) return fetchProblemOutcome(proxy.pods.error);
    const pods = proxy.pods.value.filter((p) => !p.metadata?.deletionTimestamp);
    const ready = pods.filter(isPodReady);
    const summary = `${name}: ${ready.length}/${pods.length} controller pods ready`;
    const restart = {
      kind: 'restart-proxy' as const,
      target: name,
      namespace: proxy.namespace,
      reason: 'rolling restart of the ingress controller',
    };
    const troubled = allContainerStatuses(pods).filter(
      (c) => !c.status.ready || c.status.restartCount > 0 || c.status.state?.waiting,
    );
    const evidence = troubled.map((c) => describeContainer(c, false));
    if (pods.length === 0 || ready.length === 0) {
      if (pods.length === 0)
        evidence.push(
          `${name} in ${proxy.namespace} has no pods (spec.replicas ${proxy.deployment.value.spec?.replicas ?? 1})`,
        );
      return {
        status: 'fail',
        summary,
        evidence,
        proposals: [
          {
            cause: 'proxy-unhealthy',
            confidence: 'high',
            summary: `The ingress controller ${name} in ${proxy.namespace} has no ready pod: every route through it fails; restart it and read its logs.`,
            actions: [restart],
          },
        ],
      };
    }
    if (
      ready.length < pods.length ||
      troubled.some((c) => c.status.state?.waiting?.reason === 'CrashLoopBackOff')
    ) {
      return {
        status: 'warn',
        summary,
        evidence,
        proposals: [
          {
            cause: 'proxy-unhealthy',
            confidence: 'low',
            summary: `Some ingress controller pods of ${name} are not ready: requests landing on them fail.`,
            actions: [restart],
          },
        ],
      };
    }
    return { status: 'ok', summary, evidence: [] };
  },
};
