import type { ExitCode, GateCliOptions } from './index.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { DiagnoseError, validateTarget } from '../diagnosis/diagnose-app.js';
import { formatReportText } from '../diagnosis/format-text.js';
import { detectCi, renderCiOutput } from '../gate/ci-output.js';
import { GateError } from '../gate/gate-error.js';
import { DurationError, parseDuration } from '../gate/parse-duration.js';
import { runGateFlow } from '../gate/run-gate-flow.js';
import { loadKubeConfig } from '../k8s/kube-config.js';

/**
 * `gw502 gate <app> <namespace>`: 0 = rolled out (and the URL answers), 1 = failed (report printed,
 * annotations, Slack), 2 = could not run (one line on stderr).
 */
export async function runGate(app: string, namespace: string, opts: GateCliOptions): Promise<ExitCode> {
  const env = process.env;
  try {
    const timeoutMs = parseDuration(opts.timeout ?? '5m');
    const url = opts.url !== undefined ? parseProbeUrl(opts.url) : undefined;
    if (opts.notify !== undefined && !/^[#@]?[A-Za-z0-9._-]+$/.test(opts.notify)) {
      throw new GateError(
        'bad-input',
        `invalid --notify channel "${opts.notify}": a channel id like C0123ABC or #name`,
      );
    }
    const config = loadConfig();
    validateTarget(app, namespace, config);
    const kubeConfig = loadKubeConfig();
    const result = await runGateFlow({ app, namespace, timeoutMs, url, kubeConfig, config });
    if (result.passed) {
      process.stdout.write(`${result.line}\n`);
      return 0;
    }
    const { report } = result;
    const ci = detectCi(env);
    const text = formatReportText(report);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      // stdout stays pure JSON for the pipeline's next step; the runners read annotations from stderr too.
      if (ci) process.stderr.write(renderCiOutput(ci, report, text));
    } else {
      process.stdout.write(renderCiOutput(ci, report, text));
    }
    if (opts.notify !== undefined) await notify(report, opts.notify, env, config);
    return 1;
  } catch (err) {
    if (
      err instanceof GateError ||
      err instanceof DurationError ||
      err instanceof DiagnoseError ||
      err instanceof ConfigError
    ) {
      process.stderr.write(`gw502: ${oneLine(err.message)}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`gw502: gate could not run: ${oneLine(message)}\n`);
    return 2;
  }
}

function parseProbeUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new GateError('bad-input', `invalid --url "${raw.slice(0, 200)}": not an absolute URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new GateError(
      'bad-input',
      `invalid --url "${raw.slice(0, 200)}": only http:// and https:// can be probed`,
    );
  }
  return u.toString();
}

/** Slack is best effort here: the pipeline already failed; a Slack problem is a warning, not exit 2. */
async function notify(
  report: Parameters<typeof formatReportText>[0],
  channel: string,
  env: NodeJS.ProcessEnv,
  config: ReturnType<typeof loadConfig>,
): Promise<void> {
  const token = env.SLACK_BOT_TOKEN;
  if (!token) {
    process.stderr.write('gw502: --notify ignored: SLACK_BOT_TOKEN is not set\n');
    return;
  }
  try {
    const [{ notifyGateFailure }, { createLogger }] = await Promise.all([
      import('../gate/notify-gate-failure.js'),
      import('../logger.js'),
    ]);
    const apiUrl = env.SLACK_API_URL || 'https://slack.com/api/';
    const posted = await notifyGateFailure(report, {
      channel: channel.replace(/^#/, ''),
      token,
      apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
      redisUrl: env.REDIS_URL,
      config,
      logger: createLogger({ level: env.LOG_LEVEL ?? 'error' }),
      origin: ciJobUrl(env),
    });
    process.stderr.write(`gw502: report posted to Slack ${posted.channel} (ts ${posted.ts})\n`);
  } catch (err) {
    process.stderr.write(
      `gw502: could not post to Slack: ${oneLine(err instanceof Error ? err.message : String(err))}\n`,
    );
  }
}

/** The link back to the pipeline run, so people in Slack can open the failed job. */
function ciJobUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  if (env.GITLAB_CI === 'true' && env.CI_JOB_URL) return env.CI_JOB_URL;
  return undefined;
}

function oneLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
