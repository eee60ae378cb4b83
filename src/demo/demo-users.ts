/**
 * The people of the demo workspace. The user you start as is an approver (listed in the demo's
 * GW502_CONFIG); a second approver comes through a user group, to show that path; the third is not an
 * approver, to show a refusal.
 */
export interface DemoUser {
  id: string;
  name: string;
  realName: string;
  title: string;
}

export const DEMO_TEAM = { id: 'T0DEMO', domain: 'acme-demo', name: 'Acme (demo)' } as const;
export const DEMO_CHANNEL = { id: 'C0OPS', name: 'ops' } as const;
/** Slack's own voice (a mistyped command, an app that did not answer). */
export const SLACKBOT_ID = 'USLACKBOT';
export const DEMO_BOT = { userId: 'U0GW502', botId: 'B0GW502', name: 'gw502', appId: 'A0GW502' } as const;

export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'U0ONCALL', name: 'dana', realName: 'Dana Okafor', title: 'On-call SRE · approver' },
  { id: 'U0LEAD', name: 'lee', realName: 'Lee Brandt', title: 'SRE lead · approver via @sre' },
  { id: 'U0DEV', name: 'sam', realName: 'Sam Rivera', title: 'Developer · not an approver' },
];

/** The user group whose members may approve, as `usergroups.users.list` answers it. */
export const DEMO_USERGROUPS: Readonly<Record<string, readonly string[]>> = { S0SRE: ['U0LEAD'] };

/** Approvers named directly in the demo's config. */
export const DEMO_APPROVER_USERS: readonly string[] = ['U0ONCALL'];

export function demoUser(id: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.id === id);
}
