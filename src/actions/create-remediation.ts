import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Redis } from 'ioredis';
import type { Gw502Config } from '../config/config.js';
import { diagnoseApp } from '../diagnosis/diagnose-app.js';
import type { DiagnosisReport } from '../diagnosis/report.js';
import type { Logger } from '../logger.js';
import { hostQueueName } from '../queue/diagnose-job.js';
import { REMEDIATE_QUEUE, enqueueHostRemediation, enqueueRemediation } from '../queue/remediate-job.js';
import { createRemediateWorker, type RemediateWorker } from '../queue/remediate-worker.js';
import type { ReapLimits } from './reap-abandoned.js';
import type { ApproveClickDeps } from './approve-click.js';
import { ApprovalStore } from './approval-store.js';
import { ApproverResolver, type UsergroupMembersApi } from './approver-resolver.js';
import type { HelmOptions } from './action-executor.js';
import { RemediationReporter } from './remediation-report.js';
import type { SlackOut } from './slack-out.js';

export interface RemediationOptions {
  /** Producer-side connection (fails fast): clicks, offers, audit. */
  redis: Redis;
  /** For the worker's own blocking connection. */
  redisUrl: string;
  config: Gw502Config;
  slack: SlackOut;
  /** `usergroups.users.list` (the bot's WebClient). */
  usergroups: UsergroupMembersApi;
  loadKubeConfig: () => KubeConfig;
  logger: Logger;
  /** Default: the engine itself. */
  diagnose?: (app: string, namespace: string, kubeConfig: KubeConfig) => Promise<DiagnosisReport>;
  /** Default: `helm` from PATH (GW502_HELM overrides), 5 min. */
  helm?: Partial<HelmOptions>;
  /** Default 5 min, like `kubectl rollout status --timeout=5m`. */
  rolloutTimeoutMs?: number;
  /** Default 5 s. */
  heartbeatMs?: number;
  reap?: Partial<ReapLimits> & { intervalMs?: number };
}

export interface Remediation {
  store: ApprovalStore;
  reporter: RemediationReporter;
  queue: Queue;
  /** For `registerActionHandlers(app, { click, … })`. */
  click: ApproveClickDeps;
  startWorker(opts?: { concurrency?: number; lockDurationMs?: number }): RemediateWorker;
  close(): Promise<void>;
}

/** Everything remediation needs, built once per process: the receiver uses `click`, workers `startWorker`. */
export function createRemediation(opts: RemediationOptions): Remediation {
  const store = new ApprovalStore(opts.redis);
  const reporter = new RemediationReporter({ redis: opts.redis, slack: opts.slack, logger: opts.logger });
  const queue = new Queue(REMEDIATE_QUEUE, { connection: opts.redis });
  const resolver = new ApproverResolver(opts.config.approvers, opts.usergroups, opts.logger);
  const workers: RemediateWorker[] = [];
  // Host actions run on the host, by its agent: one producer per host queue, made on first use.
  const hostQueues = new Map<string, Queue>();
  const hostQueue = (host: string): Queue => {
    let q = hostQueues.get(host);
    if (!q) {
      q = new Queue(hostQueueName(host), { connection: opts.redis });
      hostQueues.set(host, q);
    }
    return q;
  };
  const click: ApproveClickDeps = {
    store,
    reporter,
    config: opts.config,
    checkApprover: (user) => resolver.check(user),
    enqueue: async (id, spec) => {
      if (spec.host) await enqueueHostRemediation(hostQueue(spec.host.name), id);
      else await enqueueRemediation(queue, id);
    },
    logger: opts.logger,
  };
  const diagnose =
    opts.diagnose ??
    ((app: string, namespace: string, kubeConfig: KubeConfig) =>
      diagnoseApp({ app, namespace, kubeConfig, config: opts.config }));
  return {
    store,
    reporter,
    queue,
    click,
    startWorker(w = {}) {
      const worker = createRemediateWorker({
        redisUrl: opts.redisUrl,
        store,
        reporter,
        concurrency: w.concurrency,
        lockDurationMs: w.lockDurationMs,
        reap: opts.reap,
        logger: opts.logger,
        deps: {
          store,
          redis: opts.redis,
          reporter,
          config: opts.config,
          loadKubeConfig: opts.loadKubeConfig,
          diagnose,
          helm: {
            binary: opts.helm?.binary ?? process.env.GW502_HELM ?? 'helm',
            timeoutMs: opts.helm?.timeoutMs ?? 5 * 60_000,
          },
          rolloutTimeoutMs: opts.rolloutTimeoutMs ?? 5 * 60_000,
          heartbeatMs: opts.heartbeatMs ?? 5000,
          workerId: `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`,
          logger: opts.logger,
        },
      });
      workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await queue.close();
      await Promise.all([...hostQueues.values()].map((q) => q.close()));
    },
  };
}
