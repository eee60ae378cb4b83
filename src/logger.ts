import { pino, type Logger } from 'pino';

/**
 * The one logger. Tokens and secrets never reach the log: known fields are redacted by path, and any
 * string that looks like a Slack token is masked by the serializer-independent `censorTokens`.
 */
const TOKEN_PATTERN = /\bxox[abposr]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+/g;

export function censorTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, (t) => `${t.slice(0, 5)}[redacted]`);
}

export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino({
    name: options.name ?? 'gw502',
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: {
      paths: [
        'token',
        '*.token',
        'botToken',
        'appToken',
        'signingSecret',
        '*.signingSecret',
        'headers.authorization',
        '*.headers.authorization',
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
        'SLACK_APP_TOKEN',
        'env.SLACK_BOT_TOKEN',
        'env.SLACK_SIGNING_SECRET',
        'env.SLACK_APP_TOKEN',
      ],
      censor: '[redacted]',
    },
    hooks: {
      // Error messages from HTTP clients sometimes echo the request, token included.
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? censorTokens(a) : a)) as typeof args;
        method.apply(this, masked);
      },
    },
    formatters: {
      log(obj) {
        const err = obj.err;
        if (err instanceof Error) {
          return { ...obj, err: { type: err.name, message: censorTokens(err.message) } };
        }
        return obj;
      },
    },
  });
}

export const logger = createLogger();
export type { Logger };
