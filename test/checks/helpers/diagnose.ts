import { clusterChecks } from '../../../src/checks/registry.js';
import { runChecks } from '../../../src/checks/run-checks.js';
import { rankVerdict } from '../../../src/diagnosis/rank-verdict.js';
import type { CheckResult, Verdict } from '../../../src/diagnosis/report.js';
import type { ClusterSnapshot } from '../../../src/k8s/snapshot.js';

export interface Diagnosis {
  verdict: Verdict;
  results: CheckResult[];
  check(id: string): CheckResult;
}

/** Every registered check + the ranking, as diagnoseApp runs them (minus the loader). */
export async function diagnose(s: ClusterSnapshot): Promise<Diagnosis> {
  const results = await runChecks(clusterChecks, s, { timeoutMs: 1000 });
  const appFound =
    s.namespaceExists !== false &&
    ((s.workload.ok && s.workload.value !== undefined) ||
      (s.pods.ok && s.pods.value.length > 0) ||
      !s.workload.ok ||
      !s.pods.ok);
  return {
    verdict: rankVerdict(results, { appFound }),
    results,
    check(id) {
      const r = results.find((x) => x.id === id);
      if (!r) throw new Error(`no check ${id}`);
      return r;
    },
  };
}
