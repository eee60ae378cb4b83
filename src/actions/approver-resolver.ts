import type { Gw502Config } from '../config/config.js';
import type { Logger } from '../logger.js';

/** `usergroups.users.list`, reduced to what we need (WebClient satisfies it). */
export interface UsergroupMembersApi {
  usergroups: {
    users: {
      list(args: { usergroup: string }): Promise<{ ok?: boolean; users?: string[]; error?: string }>;
    };
  };
}

export type ApproverCheck = { allowed: true; via: 'user' | 'usergroup' } | { allowed: false; reason: string };

/** Membership changes rarely and Slack rate-limits the method (tier 2): a few minutes of staleness is fine. */
export const USERGROUP_CACHE_MS = 5 * 60_000;

/**
 * Decides who is an approver: the configured users, plus members of the configured user groups fetched
 * with `usergroups.users.list` and cached per group. A group that cannot be read counts as empty (fail
 * closed) and is retried on the next click rather than cached.
 */
export class ApproverResolver {
  private readonly cache = new Map<string, { members: Set<string>; until: number }>();
  private readonly inflight = new Map<string, Promise<Set<string> | undefined>>();

  constructor(
    private readonly approvers: Gw502Config['approvers'],
    private readonly api: UsergroupMembersApi,
    private readonly logger?: Logger,
    private readonly cacheMs = USERGROUP_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async check(user: string): Promise<ApproverCheck> {
    if (this.approvers.users.includes(user)) return { allowed: true, via: 'user' };
    const unreadable: string[] = [];
    for (const group of this.approvers.usergroups) {
      const members = await this.members(group);
      if (!members) unreadable.push(group);
      else if (members.has(user)) return { allowed: true, via: 'usergroup' };
    }
    if (this.approvers.users.length === 0 && this.approvers.usergroups.length === 0) {
      return {
        allowed: false,
        reason: 'no approvers are configured for gw502 (approvers.users / usergroups)',
      };
    }
    const note = unreadable.length > 0 ? ` (could not read user group ${unreadable.join(', ')})` : '';
    return { allowed: false, reason: `you are not an approver for gw502 remediation${note}` };
  }

  private async members(group: string): Promise<Set<string> | undefined> {
    const hit = this.cache.get(group);
    if (hit && hit.until > this.now()) return hit.members;
    let pending = this.inflight.get(group);
    if (!pending) {
      pending = this.fetch(group).finally(() => this.inflight.delete(group));
      this.inflight.set(group, pending);
    }
    return pending;
  }

  private async fetch(group: string): Promise<Set<string> | undefined> {
    try {
      const res = await this.api.usergroups.users.list({ usergroup: group });
      if (res.ok === false || !res.users) throw new Error(res.error ?? 'no users in answer');
      const members = new Set(res.users);
      this.cache.set(group, { members, until: this.now() + this.cacheMs });
      return members;
    } catch (err) {
      this.logger?.warn({ usergroup: group, err }, 'cannot read user group members; treating as empty');
      return undefined;
    }
  }
}
