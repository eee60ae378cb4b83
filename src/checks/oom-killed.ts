import type { Check } from './check.js';
import { appPods } from './app-objects.js';
import { allContainerStatuses, describeContainer, hasManyContainers } from './container-problems.js';
import { firstFetchProblem } from './fetch-problem.js';

/** Step 4's `describe pod | grep -i oom`: containers killed for memory, with their memory limit. */
export const oomKilledCheck: Check = {
  id: 'oom-killed',
  runbookStep: '4',
  title: 'OOMKilled containers',
  run(s) {
    const problem = firstFetchProblem(s.pods);
    if (problem) return problem;
    const pods = appPods(s);
    const killed = allContainerStatuses(pods).filter(
      ({ status }) =>
        status.state?.terminated?.reason === 'OOMKilled' ||
        status.lastState?.terminated?.reason === 'OOMKilled',
    );
    if (killed.length === 0) return { status: 'ok', summary: 'no container was OOMKilled', evidence: [] };
    const multi = hasManyContainers(pods);
    const evidence = killed.map((c) => {
      const spec = c.pod.spec?.containers.find((x) => x.name === c.status.name);
      const limit = spec?.resources?.limits?.memory;
      return `${describeContainer(c, multi)}${limit ? `, memory limit ${limit}` : ', no memory limit'}`;
    });
    const limit = killed
      .map((c) => c.pod.spec?.containers.find((x) => x.name === c.status.name)?.resources?.limits?.memory)
      .find(Boolean);
    return {
      status: 'fail',
      summary: `${killed.length} container(s) OOMKilled`,
      evidence,
      proposals: [
        {
          cause: 'oom-killed',
          confidence: 'high',
          summary: `${s.app} containers are OOMKilled${limit ? ` at their ${limit} memory limit` : ''}: raise the memory limit or fix the leak.`,
        },
      ],
    };
  },
};
