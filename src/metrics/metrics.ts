import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Job counts per state, read at scrape time (BullMQ getJobCounts). */
export type QueueDepthReader = () => Promise<Record<string, number>>;

/**
 * gw502's Prometheus metrics, all prefixed `gw502_`, in a registry of their own (no global state, so
 * tests and several apps in one process do not collide).
 */
export class Metrics {
  readonly registry = new Registry();
  readonly commands: Counter<'command'>;
  readonly jobs: Counter<'queue' | 'outcome'>;
  readonly diagnosisDuration: Histogram<'cause'>;
  readonly slackApiErrors: Counter<'method' | 'error'>;
  readonly ackDuration: Histogram<'command'>;
  private readonly depthReaders = new Map<string, QueueDepthReader>();

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.commands = new Counter({
      name: 'gw502_commands_total',
      help: 'Slash commands received, by sub-command (diagnose, diagnose-host, history, help, invalid)',
      labelNames: ['command'],
      registers,
    });
    this.jobs = new Counter({
      name: 'gw502_jobs_total',
      help: 'Queue jobs by outcome (completed, failed, retried, joined, rejected)',
      labelNames: ['queue', 'outcome'],
      registers,
    });
    this.diagnosisDuration = new Histogram({
      name: 'gw502_diagnosis_duration_seconds',
      help: 'Time to diagnose an app, by verdict cause',
      labelNames: ['cause'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 90],
      registers,
    });
    this.slackApiErrors = new Counter({
      name: 'gw502_slack_api_errors_total',
      help: 'Slack Web API calls that failed after retries, by method and error code',
      labelNames: ['method', 'error'],
      registers,
    });
    this.ackDuration = new Histogram({
      name: 'gw502_command_ack_seconds',
      help: 'Time from receiving a slash command to acknowledging it (Slack allows 3 s)',
      labelNames: ['command'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3],
      registers,
    });
    const readers = this.depthReaders;
    new Gauge({
      name: 'gw502_queue_depth',
      help: 'Jobs per queue and state (waiting, active, delayed, failed, completed)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const [queue, read] of readers) {
          try {
            for (const [state, n] of Object.entries(await read())) this.set({ queue, state }, n);
          } catch {
            // Redis down: the gauge is empty rather than the whole scrape failing; /healthz says why.
          }
        }
      },
    });
    if (opts.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'gw502_' });
  }

  watchQueue(name: string, read: QueueDepthReader): void {
    this.depthReaders.set(name, read);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
