import { App, type CustomRoute } from '@slack/bolt';
import type { Gw502Env } from '../config/env.js';
import type { Logger } from '../logger.js';
import { boltLogger } from './bolt-logger.js';
import { registerActionHandlers, type ActionHandlerDeps } from './actions/register-action-handlers.js';
import { registerGw502Command, type CommandDeps } from './commands/gw502-command.js';

export class SlackSetupError extends Error {
  override name = 'SlackSetupError';
}

/**
 * The Bolt app: HTTP receiver on `POST /slack/events` (signatures and 5-minute timestamp window checked
 * by Bolt), or Socket Mode when SLACK_APP_TOKEN is set. Either way the custom routes (`/healthz`,
 * `/metrics`) are served on PORT. The entry is a short list of registrations; listeners live in their
 * own folders.
 */
export function createSlackApp(opts: {
  env: Gw502Env;
  logger: Logger;
  customRoutes: CustomRoute[];
  commands: CommandDeps;
  /** Approve / "Diagnose again" buttons (src/actions); without them, clicks are not handled. */
  actions?: ActionHandlerDeps;
}): App {
  const { env } = opts;
  if (!env.SLACK_BOT_TOKEN) throw new SlackSetupError('SLACK_BOT_TOKEN is not set (the xoxb- bot token)');
  const socketMode = env.SLACK_APP_TOKEN !== undefined;
  if (!socketMode && !env.SLACK_SIGNING_SECRET) {
    throw new SlackSetupError('SLACK_SIGNING_SECRET is not set (needed to verify requests from Slack)');
  }
  const app = new App({
    token: env.SLACK_BOT_TOKEN,
    logger: boltLogger(opts.logger),
    // Bolt's own client (auth.test, ack helpers): a few quick retries, not the 30-minute default.
    clientOptions: {
      slackApiUrl: env.SLACK_API_URL,
      retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000 },
    },
    customRoutes: opts.customRoutes,
    ...(socketMode
      ? { socketMode: true, appToken: env.SLACK_APP_TOKEN, installerOptions: { port: env.PORT } }
      : { signingSecret: env.SLACK_SIGNING_SECRET, port: env.PORT }),
  });
  registerGw502Command(app, opts.commands);
  if (opts.actions) registerActionHandlers(app, opts.actions);
  app.error(async (err) => {
    opts.logger.error({ err }, 'unhandled error in a Slack listener');
    return Promise.resolve();
  });
  return app;
}
