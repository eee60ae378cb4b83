import type { Check } from './check.js';
import { appPods } from './app-objects.js';
import { allContainerStatuses, describeContainer, hasManyContainers } from './container-problems.js';
import { firstFetchProblem } from './fetch-problem.js';

const isOom = (reason: string | undefined): boolean => reason === 'OOMKilled';

/** Step 1: containers that keep exiting (CrashLoopBackOff, non-zero exits, restarts). OOM has its own check. */
export const containerCrashesCheck: Check = {
  id: 'container-crashes',
  runbookStep: '1',
  title: 'Container crashes',
  run(s) {
    const problem = firstFetchProblem(s.pods);
    if (problem) return problem;
    const statuses = allContainerStatuses(appPods(s));
    const crashing = statuses.filter(({ status }) => {
      const term = status.state?.terminated ?? status.lastState?.terminated;
      if (isOom(term?.reason)) return false;
      return (
        status.state?.waiting?.reason === 'CrashLoopBackOff' ||
        (status.state?.terminated !== undefined && status.state.terminated.exitCode !== 0) ||
        (term !== undefined && term.exitCode !== 0 && status.restartCount > 0)
      );
    });
    if (crashing.length === 0) {
      const restarts = statuses.reduce((n, c) => n + c.status.restartCount, 0);
      return {
        status: 'ok',
        summary: `no crashing containers (${restarts} restarts in total)`,
        evidence: [],
      };
    }
    const multi = hasManyContainers(appPods(s));
    const evidence = crashing.map((c) => describeContainer(c, multi));
    const backoff = crashing.some((c) => c.status.state?.waiting?.reason === 'CrashLoopBackOff');
    const restarts = Math.max(...crashing.map((c) => c.status.restartCount));
    const severe = backoff || restarts >= 3;
    const pods = new Set(crashing.map((c) => c.pod.metadata?.name)).size;
    const code =
      crashing[0]?.status.lastState?.terminated?.exitCode ?? crashing[0]?.status.state?.terminated?.exitCode;
    return {
      status: severe ? 'fail' : 'warn',
      summary: `${pods} pod(s) with crashing containers${backoff ? ' (CrashLoopBackOff)' : ''}`,
      evidence,
      proposals: [
        {
          cause: 'crash-loop',
          confidence: severe ? 'high' : 'low',
          summary: `${s.app} containers keep exiting${code !== undefined ? ` (exit code ${code})` : ''}: read the crashed container's logs for the error.`,
        },
      ],
    };
  },
};
