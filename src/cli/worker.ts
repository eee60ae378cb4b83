import type { ExitCode } from './index.js';
import { loadConfig } from '../config/config.js';
import { parseEnv } from '../config/env.js';
import { logger } from '../logger.js';
import { Metrics } from '../metrics/metrics.js';
import { startDiagnoseWorkers, untilSignal } from './worker-runtime.js';

/** `gw502 worker`: diagnosis workers only, scaled out against the same Redis. */
export async function runWorker(opts: { concurrency: number }): Promise<ExitCode> {
  let running;
  try {
    const env = parseEnv();
    const config = loadConfig(env.GW502_CONFIG);
    running = startDiagnoseWorkers({
      env,
      config,
      logger,
      metrics: new Metrics(),
      concurrency: Math.max(1, opts.concurrency),
    });
  } catch (err) {
    process.stderr.write(`gw502 worker: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  logger.info({ concurrency: opts.concurrency }, 'gw502 worker started');
  await untilSignal(logger);
  await running.close();
  logger.info('gw502 worker stopped');
  setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref();
  return 0;
}
