import { Command, CommanderError, InvalidArgumentError } from 'commander';

/**
 * The `gw502` command line. Each command lives in its own module, imported lazily so that
 * `gw502 diagnose` does not pay for loading Bolt, BullMQ or Playwright at start-up.
 */

export type ExitCode = 0 | 1 | 2;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number of seconds > 0');
  return n;
}

export interface DiagnoseCliOptions {
  json?: boolean;
  context?: string;
  timeout?: number;
}
export interface GateCliOptions {
  timeout?: string;
  url?: string;
  json?: boolean;
  notify?: string;
}
export interface DiagnoseHostCliOptions {
  json?: boolean;
  proxy?: 'nginx' | 'haproxy';
  proxyConfig?: string;
  proxyLog?: string;
  upstream?: string;
  healthPath?: string;
  unit?: string;
  container?: string;
}

export function buildProgram(setExit: (code: ExitCode) => void): Command {
  const program = new Command('gw502')
    .description('Diagnose 502 Bad Gateway errors and remediate them safely from Slack')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('diagnose')
    .description('run every 502 runbook check against an app once and print the report')
    .argument('<app>', 'Deployment/StatefulSet name, or the app / app.kubernetes.io/name label')
    .argument('<namespace>', 'namespace of the app')
    .option('--json', 'print the JSON report')
    .option('--context <name>', 'kubeconfig context to use')
    .option('--timeout <seconds>', 'give up after this many seconds', seconds)
    .action(async (app: string, namespace: string, opts: DiagnoseCliOptions) => {
      const { runDiagnose } = await import('./diagnose.js');
      setExit(await runDiagnose(app, namespace, opts));
    });

  program
    .command('diagnose-host')
    .description("the runbook's VM branch: diagnose a service behind nginx/HAProxy on this host")
    .argument('<service>', 'service name (systemd unit or container named like it by default)')
    .option('--json', 'print the JSON report')
    .option('--proxy <kind>', 'nginx or haproxy (default: the one running)', (v) => {
      if (v !== 'nginx' && v !== 'haproxy') throw new InvalidArgumentError('must be nginx or haproxy');
      return v;
    })
    .option('--proxy-config <path>', 'nginx.conf or haproxy.cfg')
    .option('--proxy-log <path>', "nginx's error log or HAProxy's log file")
    .option('--upstream <host:port>', 'where the service really listens')
    .option('--health-path <path>', 'health path to probe', '/health')
    .option('--unit <name>', 'systemd unit of the service')
    .option('--container <name>', 'docker/podman container of the service')
    .action(async (service: string, opts: DiagnoseHostCliOptions) => {
      const { runDiagnoseHost } = await import('./diagnose-host.js');
      setExit(await runDiagnoseHost(service, opts));
    });

  program
    .command('gate')
    .description('CI/CD step: wait for the rollout (and URL), diagnose and notify when it fails')
    .argument('<app>')
    .argument('<namespace>')
    .option('--timeout <duration>', 'e.g. 90s, 5m', '5m')
    .option('--url <url>', 'probe this URL until it answers non-5xx several times in a row')
    .option('--json', 'print the JSON report on failure')
    .option('--notify <channel>', 'post the report to this Slack channel on failure')
    .action(async (app: string, namespace: string, opts: GateCliOptions) => {
      const { runGate } = await import('./gate.js');
      setExit(await runGate(app, namespace, opts));
    });

  program
    .command('serve')
    .description('the Slack app: HTTP receiver (or Socket Mode) plus in-process workers')
    .option('--workers <n>', 'in-process diagnosis workers (0 = receiver only)', positiveInt, 1)
    .action(async (opts: { workers: number }) => {
      const { runServe } = await import('./serve.js');
      setExit(await runServe(opts));
    });

  program
    .command('worker')
    .description('diagnosis and remediation workers only (scale out against the same Redis)')
    .option('--concurrency <n>', 'jobs run at once per worker', positiveInt, 2)
    .action(async (opts: { concurrency: number }) => {
      const { runWorker } = await import('./worker.js');
      setExit(await runWorker(opts));
    });

  program
    .command('agent')
    .description('host worker consuming its own queue (diagnose-host from Slack)')
    .requiredOption('--host <name>', 'name of this host as used in /gw502 diagnose-host <host> …')
    .action(async (opts: { host: string }) => {
      const { runAgent } = await import('./agent.js');
      setExit(await runAgent(opts));
    });

  program
    .command('demo')
    .description('simulated cluster + Slack-like web page, all on this machine')
    .action(async () => {
      const { runDemo } = await import('./demo.js');
      setExit(await runDemo());
    });

  program
    .command('sim')
    .description('run the simulated cluster alone and print a kubeconfig for it (for kubectl and tests)')
    .option('--scenario <names...>', 'scenarios to load (default: the demo shop)')
    .option('--port <n>', 'port (default: ephemeral)', positiveInt, 0)
    .option('--kubeconfig <path>', 'write the kubeconfig here')
    .action(async (opts: { scenario?: string[]; port: number; kubeconfig?: string }) => {
      const { runSim } = await import('./sim.js');
      setExit(await runSim(opts));
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  let code: ExitCode = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help / version print and exit 0; usage errors are "could not diagnose at all".
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    throw err;
  }
  process.exitCode = code;
}
