import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import { censorTokens, type Logger } from '../logger.js';

/** Bolt and the Web API client log through their own interface; route it into our pino logger. */
export function boltLogger(logger: Logger): SlackLogger {
  const log = logger.child({ component: 'bolt' });
  const join = (msg: unknown[]) =>
    censorTokens(msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' '));
  let level = LogLevel.INFO;
  return {
    debug: (...m: unknown[]) => log.debug(join(m)),
    info: (...m: unknown[]) => log.info(join(m)),
    warn: (...m: unknown[]) => log.warn(join(m)),
    error: (...m: unknown[]) => log.error(join(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
