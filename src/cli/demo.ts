import type { ExitCode } from './index.js';

/**
 * `gw502 demo`: the whole product on one machine. The page is the Slack channel and the Slack Web API;
 * the Slack app and its workers are `gw502 serve` itself, run in-process against that page, so the bot's
 * code path is the production one. Ctrl-C / SIGTERM stop the app first (running jobs finish), then the
 * page, the simulated cluster and the private Redis.
 */
/** Poll until something answers HTTP at `url` (any status), for up to `timeoutMs`. */
async function untilListening(url: string, timeoutMs = 120_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return false;
}

export async function runDemo(): Promise<ExitCode> {
  // Before the logger is first imported: the demo's terminal is for the URL, not for info logs.
  process.env.LOG_LEVEL ??= 'warn';
  const portText = process.env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`gw502 demo: PORT must be a port number, not "${portText}"\n`);
    return 2;
  }

  let signals = 0;
  let serving = false;
  // Present for the whole run so a signal never kills the process with the private Redis left behind.
  const onSignal = (sig: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1 && !serving) {
      process.stderr.write('gw502 demo: stopping now\n');
      process.exit(130);
    }
    // A signal that came while `gw502 serve` was still starting: hand it on once it listens.
    if (serving && process.listenerCount(sig) === 1) {
      const wait = setInterval(() => {
        if (process.listenerCount(sig) > 1 || !serving) {
          clearInterval(wait);
          if (serving) process.kill(process.pid, sig);
        }
      }, 50);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const { logger } = await import('../logger.js');
  const { PortInUseError } = await import('../demo/channel-server.js');
  const { startDemoStack } = await import('../demo/start-demo-stack.js');
  let stack;
  try {
    stack = await startDemoStack({
      port,
      ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
      logger,
    });
  } catch (err) {
    const message =
      err instanceof PortInUseError ? err.message : `could not start: ${(err as Error).message}`;
    process.stderr.write(`gw502 demo: ${message}\n`);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    return 2;
  }
  const killNow = stack.killNow;
  process.once('exit', killNow);
  try {
    if (signals > 0) return 0;
    Object.assign(process.env, stack.env);
    // The demo is HTTP-only: Socket Mode would bypass the page.
    delete process.env.SLACK_APP_TOKEN;
    const { runServe } = await import('./serve.js');
    serving = true;
    const served = runServe({ workers: 1 });
    // The URL is printed once the app answers, so the first command typed is not lost.
    void untilListening(`http://127.0.0.1:${stack.env.PORT}/slack/events`).then((up) => {
      if (!up || !serving || !stack) return;
      process.stdout.write(
        [
          '',
          `  gw502 demo is running: open ${stack.pageUrl}`,
          '',
          '  Type  /gw502 diagnose checkout shop  (also cart, search, payments, catalog).',
          `  Simulated cluster: ${stack.cluster.url}   Redis: ${stack.redis.url}${stack.redis.pid ? ` (private, pid ${stack.redis.pid})` : ''}`,
          `  KUBECONFIG=${stack.env.KUBECONFIG}`,
          '  Ctrl-C stops everything.',
          '',
          '',
        ].join('\n'),
      );
    });
    const code = await served;
    serving = false;
    return code;
  } finally {
    serving = false;
    await stack.stop();
    process.off('exit', killNow);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // A client left connected to the private Redis would keep the process alive, reconnecting forever:
    // everything is stopped now, so the exit must not wait for it.
    setTimeout(() => process.exit(), 300).unref();
  }
}
