import type { Logger } from '../logger.js';
import { AGENT_HEARTBEAT_TTL_SECONDS, agentHeartbeatKey, beatAgentHeartbeat } from './agent-heartbeat.js';
import { withDeadline, type Redis } from './redis-connections.js';

/**
 * Delete the heartbeat only when it is still ours: with two agents for one host (a replacement starting
 * before the old one stops), the one stopping must not make the other look absent.
 */
const DELETE_IF_OURS = `
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local ok, beat = pcall(cjson.decode, v)
if ok and type(beat) == 'table' and beat.agentId == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface AgentHeartbeat {
  /** Stop beating and remove the key, so Slack answers "no agent" at once instead of queueing. */
  stop(): Promise<void>;
}

/**
 * Beat now (resolves once the first beat is stored: the agent is announced only when it can take jobs),
 * then every third of the TTL; a failed beat is logged and the next one tried, as Redis may come back.
 */
export async function startAgentHeartbeat(opts: {
  redis: Redis;
  host: string;
  agentId: string;
  info?: Record<string, unknown>;
  logger: Logger;
  intervalMs?: number;
}): Promise<AgentHeartbeat> {
  const interval = opts.intervalMs ?? (AGENT_HEARTBEAT_TTL_SECONDS * 1000) / 3;
  const beat = () => beatAgentHeartbeat(opts.redis, opts.host, { ...opts.info, agentId: opts.agentId });
  await beat();
  let inFlight: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    inFlight = beat().catch((err: unknown) => opts.logger.warn({ err }, 'agent heartbeat failed'));
  }, interval);
  return {
    async stop() {
      clearInterval(timer);
      // A beat already on the wire would otherwise re-create the key after the delete. Bounded: with Redis
      // down, commands wait for a reconnect, and shutdown must not (the key then simply expires).
      await withDeadline(inFlight, 2000, 'last heartbeat').catch(() => undefined);
      await withDeadline(
        opts.redis.eval(DELETE_IF_OURS, 1, agentHeartbeatKey(opts.host), opts.agentId),
        2000,
        'heartbeat removal',
      ).catch((err: unknown) => opts.logger.warn({ err }, 'could not remove the agent heartbeat'));
    },
  };
}
