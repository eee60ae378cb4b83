import type { ExitCode, DiagnoseCliOptions } from './index.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { DiagnoseError, diagnoseApp, validateTarget } from '../diagnosis/diagnose-app.js';
import { formatReportText } from '../diagnosis/format-text.js';
import { loadKubeConfig } from '../k8s/kube-config.js';

/** `gw502 diagnose <app> <namespace>`: 0 healthy, 1 any other verdict, 2 could not diagnose. */
export async function runDiagnose(
  app: string,
  namespace: string,
  opts: DiagnoseCliOptions,
): Promise<ExitCode> {
  try {
    const config = loadConfig();
    validateTarget(app, namespace, config);
    const kubeConfig = loadKubeConfig(opts.context);
    const report = await diagnoseApp({
      app,
      namespace,
      kubeConfig,
      config,
      timeoutMs: opts.timeout !== undefined ? opts.timeout * 1000 : undefined,
    });
    process.stdout.write(
      opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReportText(report)}\n`,
    );
    return report.verdict.cause === 'healthy' ? 0 : 1;
  } catch (err) {
    if (err instanceof DiagnoseError || err instanceof ConfigError) {
      process.stderr.write(`gw502: ${err.message}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`gw502: could not diagnose: ${message.split('\n')[0]}\n`);
    return 2;
  }
}
