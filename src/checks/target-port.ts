import type { Check } from './check.js';
import type { CauseProposal } from '../diagnosis/report.js';
import { appPods, findAppServices, workloadOf } from './app-objects.js';
import { appContainers, declaredPorts, formatDeclared, probePort } from './container-port.js';
import { firstFetchProblem } from './fetch-problem.js';
import { proxyLogFacts } from './proxy-log-facts.js';

/**
 * Step 2: the Service's targetPort must be a port the app listens on. A named port missing from the
 * containers is certain; a number the containers do not declare is only suspicious, unless the probes use
 * another port or the proxy is refused at exactly that port.
 */
export const targetPortCheck: Check = {
  id: 'target-port',
  runbookStep: '2',
  title: 'Service targetPort',
  run(s) {
    const problem = firstFetchProblem(s.services, s.pods);
    if (problem) return problem;
    const containers = appContainers(appPods(s), workloadOf(s)?.object.spec?.template.spec?.containers);
    const services = findAppServices(s).filter(({ service }) => service.spec?.type !== 'ExternalName');
    if (containers.length === 0 || services.length === 0) {
      return { status: 'skipped', summary: 'no Service or containers to compare', evidence: [] };
    }
    const declared = declaredPorts(containers);
    const probePorts = new Set(
      containers
        .flatMap((c) => [probePort(c, c.readinessProbe), probePort(c, c.livenessProbe)])
        .filter((p) => p !== undefined),
    );
    const refusedPorts = new Set(
      (proxyLogFacts(s)?.failures ?? [])
        .filter((f) => f.by === 'pod-ip' && f.line.kind === 'refused')
        .map((f) => Number(f.line.upstreamAddr?.split(':').pop())),
    );
    const fails: string[] = [];
    const warns: string[] = [];
    const oks: string[] = [];
    for (const { service } of services) {
      for (const p of service.spec?.ports ?? []) {
        const target = p.targetPort ?? p.port;
        const where = `service ${service.metadata?.name} port ${p.port} → targetPort ${typeof target === 'string' ? `"${target}"` : target}`;
        if (typeof target === 'string' && !/^\d+$/.test(target)) {
          if (declared.some((d) => d.name === target)) oks.push(where);
          else
            fails.push(`${where}: no container port named ${target} (declared: ${formatDeclared(declared)})`);
          continue;
        }
        const n = Number(target);
        if (declared.some((d) => d.port === n)) {
          oks.push(where);
          continue;
        }
        const confirm: string[] = [];
        if (probePorts.size > 0 && !probePorts.has(n))
          confirm.push(`probes use port ${[...probePorts].join(', ')}`);
        if (refusedPorts.has(n)) confirm.push(`the proxy is refused at pod port ${n}`);
        const line = `${where}: not a declared container port (declared: ${formatDeclared(declared)})${confirm.length ? `; ${confirm.join('; ')}` : ''}`;
        (confirm.length > 0 ? fails : warns).push(line);
      }
    }
    const proposal = (confidence: CauseProposal['confidence'], detail: string): CauseProposal[] => [
      {
        cause: 'target-port-mismatch',
        confidence,
        summary: `The ${s.app} Service sends traffic to a port the app does not listen on (${detail}): set targetPort to the container port.`,
      },
    ];
    if (fails.length > 0) {
      return {
        status: 'fail',
        summary: `${fails.length} Service port(s) target a port the app does not listen on`,
        evidence: [...fails, ...warns],
        proposals: proposal('high', fails[0]!.split(':')[0]!),
      };
    }
    if (warns.length > 0) {
      return {
        status: 'warn',
        summary: `${warns.length} Service port(s) target an undeclared container port`,
        evidence: warns,
        proposals: proposal('low', warns[0]!.split(':')[0]!),
      };
    }
    return { status: 'ok', summary: oks.join('; '), evidence: [] };
  },
};
