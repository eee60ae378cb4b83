import type { Check } from './check.js';
import { fetchProblemOutcome } from './fetch-problem.js';

/** Step 2's direct `curl http://<svc>:<port>/health`, done through the API server's service proxy. */
export const healthProbeCheck: Check = {
  id: 'health-probe',
  runbookStep: '2',
  title: 'Direct health probe',
  run(s) {
    if (!s.healthProbe.ok) return fetchProblemOutcome(s.healthProbe.error);
    const p = s.healthProbe.value;
    if (!p) return { status: 'skipped', summary: 'no Service port to probe', evidence: [] };
    const what = `GET ${p.url}`;
    if (p.timedOut) {
      return {
        status: 'fail',
        summary: `no answer within ${p.durationMs} ms`,
        evidence: [`${what}: timed out after ${p.durationMs} ms`],
      };
    }
    const message = (p.message ?? '').replace(/\s+/g, ' ').slice(0, 160);
    if (/connection refused/i.test(message)) {
      return { status: 'fail', summary: 'connection refused', evidence: [`${what}: ${message}`] };
    }
    if (p.status === undefined || p.status >= 500) {
      return {
        status: 'fail',
        summary: `answered ${p.status ?? 'nothing'} in ${p.durationMs} ms`,
        evidence: [
          `${what} → ${p.status ?? 'no status'} in ${p.durationMs} ms${message ? `: ${message}` : ''}`,
        ],
      };
    }
    return { status: 'ok', summary: `answered ${p.status} in ${p.durationMs} ms`, evidence: [] };
  },
};
