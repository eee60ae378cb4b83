import type { Check } from './check.js';
import { appPods, findAppServices, workloadOf } from './app-objects.js';
import { firstFetchProblem } from './fetch-problem.js';
import { formatLabels } from '../k8s/label-selector.js';

/** Step 2's `kubectl get svc`: does the app's Service actually select the app's pods? */
export const serviceSelectsPodsCheck: Check = {
  id: 'service-selects-pods',
  runbookStep: '2',
  title: 'Service selects pods',
  run(s) {
    const problem = firstFetchProblem(s.services, s.pods);
    if (problem) return problem;
    const pods = appPods(s);
    if (pods.length === 0 && !workloadOf(s))
      return { status: 'skipped', summary: 'no app to match', evidence: [] };
    const services = findAppServices(s).filter(
      ({ service }) =>
        service.spec?.type !== 'ExternalName' && Object.keys(service.spec?.selector ?? {}).length > 0,
    );
    if (services.length === 0) {
      return {
        status: 'warn',
        summary: `no Service selects the ${s.app} pods`,
        evidence: [
          `pods carry ${formatLabels(pods[0]?.metadata?.labels ?? workloadOf(s)?.object.spec?.template.metadata?.labels)}`,
        ],
      };
    }
    const broken = services.filter((x) => !x.selectsApp);
    const good = services.filter((x) => x.selectsApp);
    const names = (list: typeof services): string => list.map((x) => x.service.metadata?.name).join(', ');
    if (broken.length === 0) {
      return { status: 'ok', summary: `Service ${names(good)} selects the ${s.app} pods`, evidence: [] };
    }
    const actual = formatLabels(
      pods[0]?.metadata?.labels ?? workloadOf(s)?.object.spec?.template.metadata?.labels,
    );
    const evidence = broken.map(
      ({ service, why }) =>
        `service ${service.metadata?.name} selector ${formatLabels(service.spec?.selector)} matches no ${s.app} pod (pods carry ${actual})${why === 'ingress' ? '; the Ingress routes to it' : ''}`,
    );
    const svc = broken[0]!.service;
    return {
      status: 'fail',
      summary: `Service ${names(broken)} selects none of the ${s.app} pods`,
      evidence,
      proposals: [
        {
          cause: 'selector-mismatch',
          confidence: 'high',
          summary: `Service ${svc.metadata?.name} selects ${formatLabels(svc.spec?.selector)} but the ${s.app} pods carry ${actual}: fix the Service selector.`,
        },
      ],
    };
  },
};
