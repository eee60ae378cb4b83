import type { Redis } from 'ioredis';

/**
 * Host agents (`gw502 agent --host NAME`) refresh `gw502:agent:<host>` with a short TTL; a missing key
 * means no agent has been seen recently, so a host diagnosis would sit in its queue unanswered.
 */
export const agentHeartbeatKey = (host: string): string => `gw502:agent:${host}`;

/** How long a heartbeat counts; agents refresh at a third of this. */
export const AGENT_HEARTBEAT_TTL_SECONDS = 60;

export async function agentSeen(redis: Redis, host: string): Promise<boolean> {
  return (await redis.exists(agentHeartbeatKey(host))) === 1;
}

export async function beatAgentHeartbeat(
  redis: Redis,
  host: string,
  info: Record<string, unknown> = {},
): Promise<void> {
  await redis.set(
    agentHeartbeatKey(host),
    JSON.stringify({ ...info, at: new Date().toISOString() }),
    'EX',
    AGENT_HEARTBEAT_TTL_SECONDS,
  );
}
