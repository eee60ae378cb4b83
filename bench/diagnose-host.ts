import { rm } from 'node:fs/promises';
import { execa } from 'execa';
import { freePort } from '../test/host/helpers/free-port.js';
import { nginxConf, request, startNginx, tempDir } from '../test/host/helpers/real-proxies.js';
import { fmt, median } from './lib.js';

const RUNS = 3;

interface RunbookCommand {
  label: string;
  file: string;
  args: string[];
}

/** Runs one command as the engineer would; `undefined` when the tool is not installed here (skipped). */
async function timeCommand(c: RunbookCommand): Promise<number | undefined> {
  const started = performance.now();
  const r = await execa(c.file, c.args, { reject: false, timeout: 15_000, stdin: 'ignore' });
  const ms = performance.now() - started;
  return (r as { code?: string }).code === 'ENOENT' ? undefined : ms;
}

/**
 * One `gw502 diagnose-host --json` as a whole process vs the runbook's read-only host commands (its VM
 * branch: docker/systemd status, the direct curl, the proxy's log and config test) run one after another,
 * both against a real nginx answering 502 in front of an upstream port nothing listens on. Only machine
 * time is compared: an engineer typing and reading the same commands takes minutes, not milliseconds.
 */
export async function benchDiagnoseHost(): Promise<void> {
  console.log(
    '\n## gw502 diagnose-host vs the runbook host commands, real nginx in front of a refusing upstream',
  );
  const dir = await tempDir('gw502-bench-host-');
  const proxyPort = await freePort();
  const dead = await freePort();
  const conf = nginxConf(
    dir,
    `server { listen 127.0.0.1:${proxyPort}; location / { proxy_pass http://127.0.0.1:${dead}; } }`,
  );
  const proxy = await startNginx(dir, conf, proxyPort);
  try {
    for (let i = 0; i < 5; i++) await request(proxyPort);
    const runbook: RunbookCommand[] = [
      { label: 'docker ps', file: 'docker', args: ['ps', '--filter', 'name=shop'] },
      { label: 'docker logs --tail=50', file: 'docker', args: ['logs', '--tail', '50', 'shop'] },
      { label: 'systemctl status', file: 'systemctl', args: ['status', 'shop', '--no-pager'] },
      {
        label: 'curl -v --connect-timeout 5 …/health',
        file: 'curl',
        args: ['-v', '--connect-timeout', '5', `http://127.0.0.1:${dead}/health`],
      },
      { label: 'curl through the proxy', file: 'curl', args: ['-sv', `http://127.0.0.1:${proxyPort}/`] },
      {
        label: 'journalctl -u nginx',
        file: 'journalctl',
        args: ['-u', 'nginx', '--since', '5 minutes ago', '--no-pager'],
      },
      { label: 'tail -n 100 error.log', file: 'tail', args: ['-n', '100', proxy.errorLogPath] },
      { label: 'tail -n 100 access.log', file: 'tail', args: ['-n', '100', proxy.accessLogPath] },
      {
        label: 'nginx -t',
        file: 'nginx',
        args: ['-t', '-p', dir, '-c', proxy.configPath, '-e', proxy.errorLogPath],
      },
      { label: 'ss -ltnp', file: 'ss', args: ['-ltnp'] },
    ];
    const skipped = new Set<string>();
    const runbookTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let total = 0;
      for (const c of runbook) {
        const ms = await timeCommand(c);
        if (ms === undefined) skipped.add(c.label);
        else total += ms;
      }
      runbookTimes.push(total);
    }
    const gwTimes: number[] = [];
    const engineTimes: number[] = [];
    let cause = '';
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const r = await execa(
        'node',
        [
          'bin/gw502.js',
          'diagnose-host',
          'shop',
          '--json',
          '--proxy',
          'nginx',
          '--proxy-config',
          proxy.configPath,
          '--proxy-log',
          proxy.errorLogPath,
          '--upstream',
          `127.0.0.1:${dead}`,
          '--unit',
          'shop',
        ],
        { reject: false },
      );
      gwTimes.push(performance.now() - started);
      if (r.exitCode === 2) throw new Error(`gw502 diagnose-host could not run: ${r.stderr}`);
      const report = JSON.parse(r.stdout) as { verdict: { cause: string }; durationMs: number };
      cause = report.verdict.cause;
      engineTimes.push(report.durationMs);
    }
    const ran = runbook.length - skipped.size;
    const runbookMs = median(runbookTimes);
    const gwMs = median(gwTimes);
    console.log(
      `runbook host commands (${ran} run one after another): ${fmt(runbookMs)} (median of ${RUNS})`,
    );
    if (skipped.size > 0) console.log(`  skipped (not installed here): ${[...skipped].join(', ')}`);
    console.log(
      `gw502 diagnose-host --json (whole process, verdict ${cause}): ${fmt(gwMs)} (median of ${RUNS})`,
    );
    console.log(
      `  of which the diagnosis itself (report.durationMs): ${fmt(median(engineTimes))}; the rest is Node start-up`,
    );
    const ratio = runbookMs / gwMs;
    console.log(
      `ratio runbook / gw502: ${ratio.toFixed(2)}× (${ratio >= 1 ? 'gw502 faster' : 'gw502 slower'}; gw502 also ` +
        'reads, classifies and ranks the output, which the commands leave to the engineer)',
    );
  } finally {
    await proxy.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
