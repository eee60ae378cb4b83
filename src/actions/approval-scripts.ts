/**
 * The approval state machine's transitions, each one Lua script so Redis runs it atomically: two clicks,
 * a Slack retry, a replayed payload or two workers all reach the same script, and only one of them can see
 * the state it expects. Nothing outside these scripts writes the `state` field.
 *
 * Keys: KEYS[1] approval hash, KEYS[2] group hash, KEYS[3] set of executing approval ids.
 */

/** pending → executing for an allowed approver. ARGV: user, nowMs, nowIso, approvalId. */
export const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'pending' then
  return {'not-pending', state, redis.call('HGET', KEYS[1], 'approvedBy') or ''}
end
local expires = tonumber(redis.call('HGET', KEYS[1], 'expiresAtMs'))
if expires == nil or tonumber(ARGV[2]) >= expires then return {'expired'} end
local claimed = redis.call('HGET', KEYS[2], 'claimedBy')
if claimed and claimed ~= ARGV[4] then return {'group-claimed', claimed} end
redis.call('HSET', KEYS[2], 'claimedBy', ARGV[4])
redis.call('HSET', KEYS[1], 'state', 'executing', 'approvedBy', ARGV[1], 'approvedAt', ARGV[3], 'approvedAtMs', ARGV[2])
redis.call('SADD', KEYS[3], ARGV[4])
return {'claimed'}
`;

/**
 * A worker begins the action. Only the first run of an approval may begin: a second run (stalled job
 * re-run, duplicate job, replay) finds startedAt set and must not write. ARGV: worker, nowIso, nowMs.
 */
export const START = `
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'executing' then return {'not-executing', state or 'missing'} end
if redis.call('HEXISTS', KEYS[1], 'startedAt') == 1 then
  return {'already-started', redis.call('HGET', KEYS[1], 'worker') or ''}
end
redis.call('HSET', KEYS[1], 'startedAt', ARGV[2], 'worker', ARGV[1], 'heartbeatMs', ARGV[3])
return {'started'}
`;

/** The running worker proves it is alive. ARGV: worker, nowMs. */
export const HEARTBEAT = `
if redis.call('HGET', KEYS[1], 'state') == 'executing' and redis.call('HGET', KEYS[1], 'worker') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'heartbeatMs', ARGV[2])
  return 1
end
return 0
`;

/** Recorded just before the write request is sent, so "did it write?" has an answer. ARGV: worker, nowIso. */
export const MARK_WRITING = `
if redis.call('HGET', KEYS[1], 'state') == 'executing' and redis.call('HGET', KEYS[1], 'worker') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'wroteAt', ARGV[2])
  return 1
end
return 0
`;

/**
 * executing → done/failed by the worker that started it. Also from `unknown`: when the reaper gave up on
 * a worker that was only slow, the real outcome it finally reports is better than a guess.
 * ARGV: worker, newState, nowIso, outcomeJson, approvalId.
 */
export const FINISH = `
local state = redis.call('HGET', KEYS[1], 'state')
if (state == 'executing' or state == 'unknown') and redis.call('HGET', KEYS[1], 'worker') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'state', ARGV[2], 'finishedAt', ARGV[3], 'outcome', ARGV[4])
  redis.call('SREM', KEYS[3], ARGV[5])
  return {'finished'}
end
return {'not-owner', state or 'missing'}
`;

/**
 * The reaper's verdict on an executing approval. A started run whose heartbeat stopped → unknown (it may
 * have written; never retried). A claim no worker began within the limit → failed, nothing written, and
 * since START requires `executing` no late worker can begin it afterwards.
 * ARGV: nowMs, staleHeartbeatMs, unstartedMs, nowIso, unknownOutcomeJson, notStartedOutcomeJson, approvalId.
 */
export const REAP = `
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'executing' then
  redis.call('SREM', KEYS[3], ARGV[7])
  return {'gone', state or 'missing'}
end
local now = tonumber(ARGV[1])
if redis.call('HEXISTS', KEYS[1], 'startedAt') == 1 then
  local beat = tonumber(redis.call('HGET', KEYS[1], 'heartbeatMs')) or 0
  if now - beat > tonumber(ARGV[2]) then
    redis.call('HSET', KEYS[1], 'state', 'unknown', 'finishedAt', ARGV[4], 'outcome', ARGV[5])
    redis.call('SREM', KEYS[3], ARGV[7])
    return {'unknown'}
  end
  return {'alive'}
end
local approved = tonumber(redis.call('HGET', KEYS[1], 'approvedAtMs')) or 0
if now - approved > tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'state', 'failed', 'finishedAt', ARGV[4], 'outcome', ARGV[6])
  redis.call('SREM', KEYS[3], ARGV[7])
  return {'not-started'}
end
return {'waiting'}
`;
