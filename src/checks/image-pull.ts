import type { Check } from './check.js';
import { appEvents } from './app-events.js';
import { appPods } from './app-objects.js';
import { allContainerStatuses } from './container-problems.js';
import { firstFetchProblem } from './fetch-problem.js';
import { podName } from './pod-facts.js';

const PULL_REASONS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'RegistryUnavailable',
]);

/** Step 1: pods that never start because their image cannot be pulled; the kubelet's message says why. */
export const imagePullCheck: Check = {
  id: 'image-pull',
  runbookStep: '1',
  title: 'Image pull',
  run(s) {
    const problem = firstFetchProblem(s.pods);
    if (problem) return problem;
    const failing = allContainerStatuses(appPods(s)).filter(({ status }) =>
      PULL_REASONS.has(status.state?.waiting?.reason ?? ''),
    );
    if (failing.length === 0) return { status: 'ok', summary: 'all images pulled', evidence: [] };
    const evidence = failing.map(({ pod, status }) => {
      const w = status.state!.waiting!;
      return `${podName(pod)}: ${w.reason} for ${status.image}${w.message ? `: ${w.message}` : ''}`;
    });
    const pulls = appEvents(s).filter((e) => e.reason === 'Failed' && /image|pull/i.test(e.message ?? ''));
    const seen = new Set<string>();
    for (const e of pulls) {
      const line = `event Failed on ${e.involvedObject.name}: ${e.message ?? ''}`;
      if (!seen.has(e.message ?? '')) evidence.push(line);
      seen.add(e.message ?? '');
    }
    const image = failing[0]?.status.image ?? 'the image';
    return {
      status: 'fail',
      summary: `${failing.length} container(s) cannot pull their image`,
      evidence,
      proposals: [
        {
          cause: 'image-pull',
          confidence: 'high',
          summary: `${s.app} cannot pull ${image}: fix the image name/tag or the registry credentials.`,
        },
      ],
    };
  },
};
