import type { Check } from './check.js';
import { appPods } from './app-objects.js';
import { firstFetchProblem } from './fetch-problem.js';
import { isPodReady } from './pod-facts.js';

/** Runbook step 1 starts with `kubectl get pods --selector=app=<app>`: is there anything to diagnose? */
export const workloadFoundCheck: Check = {
  id: 'workload-found',
  runbookStep: '1',
  title: 'Workload found',
  run(s) {
    if (s.namespaceExists === false) {
      const summary = `namespace ${s.namespace} does not exist`;
      return {
        status: 'fail',
        summary,
        evidence: [summary],
        proposals: [
          {
            cause: 'app-not-found',
            confidence: 'high',
            summary: `Namespace ${s.namespace} does not exist: check the namespace name.`,
          },
        ],
      };
    }
    const problem = firstFetchProblem(s.workload, s.pods);
    const workload = s.workload.ok ? s.workload.value : undefined;
    const pods = appPods(s);
    if (!workload && pods.length === 0) {
      if (problem) return problem;
      // An app that lives outside the cluster, reached through an ExternalName Service named like it.
      const external = s.services.ok
        ? s.services.value.find((x) => x.metadata?.name === s.app && x.spec?.type === 'ExternalName')
        : undefined;
      if (external) {
        return {
          status: 'warn',
          summary: `${s.app} runs outside the cluster: Service ${s.app} is ExternalName → ${external.spec?.externalName ?? '?'}`,
          evidence: [`no Deployment, StatefulSet or pods for ${s.app}; the proxy reaches it by DNS name`],
        };
      }
      const evidence = [
        `no Deployment or StatefulSet named ${s.app} in ${s.namespace}`,
        `no pods labelled app=${s.app} or app.kubernetes.io/name=${s.app} in ${s.namespace}`,
      ];
      return {
        status: 'fail',
        summary: `no workload or pods match ${s.app} in ${s.namespace}`,
        evidence,
        proposals: [
          {
            cause: 'app-not-found',
            confidence: 'high',
            summary: `Nothing named ${s.app} runs in namespace ${s.namespace}: check the app and namespace names.`,
          },
        ],
      };
    }
    if (!workload) {
      return {
        status: 'ok',
        summary: `${pods.length} bare pod(s) labelled for ${s.app} (no Deployment or StatefulSet)`,
        evidence: [],
      };
    }
    const name = `${workload.kind.toLowerCase()}/${workload.object.metadata?.name ?? s.app}`;
    const desired = workload.object.spec?.replicas ?? 1;
    const ready = pods.filter(isPodReady).length;
    if (desired === 0) {
      return {
        status: 'fail',
        summary: `${name} is scaled to 0 replicas`,
        evidence: [`${name}: spec.replicas 0, so the Service has no endpoints`],
      };
    }
    return { status: 'ok', summary: `${name}: ${ready}/${desired} pods ready`, evidence: [] };
  },
};
