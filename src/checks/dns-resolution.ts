import type { Check } from './check.js';
import { findAppServices } from './app-objects.js';
import { fetchProblemOutcome } from './fetch-problem.js';
import { proxyLogFacts } from './proxy-log-facts.js';
import { sampleLines, summariseByKind } from './summarise-log-lines.js';

/** FAQ: "the proxy's resolver can resolve the upstream name" — resolve failures and ExternalName targets. */
export const dnsResolutionCheck: Check = {
  id: 'dns-resolution',
  runbookStep: 'faq',
  title: 'Upstream DNS resolution',
  run(s) {
    if (!s.proxy.logs.ok) return fetchProblemOutcome(s.proxy.logs.error);
    const facts = proxyLogFacts(s)!;
    const failures = facts.failures.filter((f) => f.line.kind === 'resolve' && !f.beforeCurrentPods);
    const external = findAppServices(s)
      .map((x) => x.service)
      .filter((svc) => svc.spec?.type === 'ExternalName')
      .map(
        (svc) =>
          `service ${svc.metadata?.name} is ExternalName → ${svc.spec?.externalName ?? '?'} (resolved by the proxy's DNS)`,
      );
    if (failures.length === 0) {
      return { status: 'ok', summary: 'no upstream name resolution errors', evidence: external };
    }
    const names = [...new Set(failures.map((f) => f.line.upstreamName).filter(Boolean))];
    return {
      status: 'fail',
      summary: `the proxy cannot resolve ${names.join(', ') || 'the upstream name'}`,
      evidence: [...summariseByKind(failures), ...external, ...sampleLines(failures, 1)],
      proposals: [
        {
          cause: 'dns-resolution',
          confidence: external.length > 0 || failures.length > 1 ? 'high' : 'medium',
          summary: `The proxy cannot resolve ${names[0] ?? 'the upstream name'}: fix the name (use <svc>.<ns>.svc.cluster.local) or the resolver.`,
        },
      ],
    };
  },
};
