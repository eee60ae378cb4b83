import type { Check } from './check.js';
import { appEvents } from './app-events.js';
import { appPods } from './app-objects.js';
import { firstFetchProblem } from './fetch-problem.js';
import { podName } from './pod-facts.js';

/** Step 1: pods that stay Pending (insufficient CPU/memory, taints) or are never created (quota). */
export const podsPendingCheck: Check = {
  id: 'pods-pending',
  runbookStep: '1',
  title: 'Pods scheduled',
  run(s) {
    const problem = firstFetchProblem(s.pods);
    if (problem) return problem;
    const events = appEvents(s);
    const unscheduled = appPods(s).filter(
      (p) =>
        p.status?.phase === 'Pending' &&
        p.status.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False'),
    );
    const evidence = unscheduled.map((p) => {
      const cond = p.status?.conditions?.find((c) => c.type === 'PodScheduled');
      return `${podName(p)}: Pending, ${cond?.reason ?? 'Unschedulable'}${cond?.message ? `: ${cond.message}` : ''}`;
    });
    const scheduling = events.filter((e) => e.reason === 'FailedScheduling');
    const quota = events.filter(
      (e) => e.reason === 'FailedCreate' && /exceeded quota|forbidden/i.test(e.message ?? ''),
    );
    const seen = new Set(evidence.map((e) => e.slice(e.indexOf(': ') + 2)));
    for (const e of [...scheduling, ...quota]) {
      const msg = e.message ?? '';
      if ([...seen].some((x) => x.includes(msg))) continue;
      seen.add(msg);
      evidence.push(
        `event ${e.reason} on ${e.involvedObject.kind ?? ''} ${e.involvedObject.name ?? ''}: ${msg} (×${e.count ?? 1})`,
      );
    }
    if (evidence.length === 0) {
      const pending = appPods(s).filter((p) => p.status?.phase === 'Pending');
      return pending.length
        ? {
            status: 'warn',
            summary: `${pending.length} pod(s) Pending but scheduled (starting)`,
            evidence: pending.map((p) => `${podName(p)}: Pending`),
          }
        : { status: 'ok', summary: 'all pods scheduled', evidence: [] };
    }
    const why = /quota/i.test(evidence.join(' '))
      ? 'a ResourceQuota is exhausted'
      : /taint|toleration/i.test(evidence.join(' '))
        ? 'no node tolerates their taints'
        : /Insufficient (cpu|memory)/i.exec(evidence.join(' '))
          ? `nodes lack ${/Insufficient (\w+)/i.exec(evidence.join(' '))?.[1] ?? 'resources'}`
          : 'the scheduler cannot place them';
    return {
      status: 'fail',
      summary: `${unscheduled.length} pod(s) unschedulable${quota.length ? ', pod creation refused by quota' : ''}`,
      evidence,
      proposals: [
        {
          cause: 'unschedulable',
          confidence: 'high',
          summary: `${s.app} pods cannot be scheduled because ${why}: free capacity, adjust requests/quota or tolerations.`,
        },
      ],
    };
  },
};
