/**
 * The diagnosis report: the contract's JSON shape (`gw502 diagnose --json`, the queue job's result).
 * Everything that leaves the engine — CLI, Slack, gate — is rendered from this one type.
 */

/** The cause vocabulary of the contract, exactly. */
export const CAUSES = [
  'healthy',
  'app-not-found',
  'crash-loop',
  'oom-killed',
  'image-pull',
  'unschedulable',
  'readiness-failing',
  'slow-startup',
  'selector-mismatch',
  'target-port-mismatch',
  'ingress-backend-missing',
  'network-policy-blocks-proxy',
  'proxy-timeout-too-low',
  'upstream-connection-refused',
  'keepalive-mismatch',
  'resource-exhaustion',
  'dns-resolution',
  'proxy-unhealthy',
  'bad-rollout',
  'unknown',
] as const;
export type Cause = (typeof CAUSES)[number];

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'error' | 'skipped';
export type Confidence = 'high' | 'medium' | 'low';

export type ActionKind = 'rollback' | 'helm-rollback' | 'restart-proxy';

export interface SuggestedAction {
  kind: ActionKind;
  /** `deployment/checkout`, `statefulset/db`, `helm/checkout` or, on a host, `host/<name>/nginx`. */
  target: string;
  /** Namespace of the target (cluster actions). */
  namespace?: string;
  /** rollback / helm-rollback: the revision to go back to. */
  toRevision?: number;
  /** helm-rollback: the release name. */
  release?: string;
  /** Why this action fits, one line for humans. */
  reason?: string;
}

/**
 * A cause a check proposes. Checks never decide the verdict alone: the ranking in `rank-verdict.ts`
 * weighs every proposal so the most specific, actionable one wins (e.g. bad-rollout over crash-loop).
 */
export interface CauseProposal {
  cause: Cause;
  confidence: Confidence;
  /** One sentence for the verdict summary. */
  summary: string;
  actions?: SuggestedAction[];
  /** Set when a GitOps controller owns the workload: no rollback action, the verdict says so. */
  gitops?: { tool: 'argocd' | 'flux'; detail: string };
}

export interface CheckResult {
  id: string;
  status: CheckStatus;
  summary: string;
  /** Every `fail` has at least one evidence line. Redacted before leaving the engine. */
  evidence: string[];
  /** Which runbook step this check automates (1–6, `pro-tip`, `faq`). */
  runbookStep?: string;
  durationMs?: number;
  /** Internal: what this result suggests; stripped from the JSON report. */
  proposals?: CauseProposal[];
}

export interface Verdict {
  cause: Cause;
  confidence: Confidence;
  summary: string;
  actions: SuggestedAction[];
  /** Set when rollback is not offered because a GitOps controller owns the workload. */
  gitops?: { tool: 'argocd' | 'flux'; detail: string };
}

export interface DiagnosisReport {
  app: string;
  namespace: string;
  /** Host diagnoses: the host name (namespace is then the host too, for uniform rendering). */
  host?: string;
  verdict: Verdict;
  checks: CheckResult[];
  durationMs: number;
  /** ISO time the diagnosis finished. */
  finishedAt?: string;
  /** What the workload looked like when diagnosed; the stale guard of remediation compares against it. */
  target?: TargetFingerprint;
}

/** Identity and version of the diagnosed workload, for the approval stale guard. */
export interface TargetFingerprint {
  kind: 'Deployment' | 'StatefulSet';
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  revision?: number;
  templateHash?: string;
}
