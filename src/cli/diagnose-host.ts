import { formatReportText } from '../diagnosis/format-text.js';
import { DiagnoseHostError, diagnoseHost } from '../host/diagnose-host.js';
import type { DiagnoseHostCliOptions, ExitCode } from './index.js';

/** `gw502 diagnose-host <service>`: 0 healthy, 1 any other verdict, 2 could not diagnose (one line on stderr). */
export async function runDiagnoseHost(service: string, opts: DiagnoseHostCliOptions): Promise<ExitCode> {
  if (opts.unit && opts.container) {
    process.stderr.write('gw502: give --unit or --container, not both\n');
    return 2;
  }
  if (!/^[A-Za-z0-9@._:-]+$/.test(service)) {
    process.stderr.write(`gw502: invalid service name "${service}"\n`);
    return 2;
  }
  try {
    const report = await diagnoseHost({
      service,
      proxy: opts.proxy,
      proxyConfig: opts.proxyConfig,
      proxyLog: opts.proxyLog,
      upstream: opts.upstream,
      healthPath: opts.healthPath,
      unit: opts.unit,
      container: opts.container,
    });
    process.stdout.write(
      opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReportText(report)}\n`,
    );
    return report.verdict.cause === 'healthy' ? 0 : 1;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const prefix = err instanceof DiagnoseHostError ? '' : 'could not diagnose: ';
    process.stderr.write(`gw502: ${prefix}${message.split('\n')[0]}\n`);
    return 2;
  }
}
