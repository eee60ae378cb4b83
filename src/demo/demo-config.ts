import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseConfig } from '../config/config.js';
import { DEMO_APPROVER_USERS, DEMO_USERGROUPS } from './demo-users.js';

/**
 * The demo's GW502_CONFIG: the starting user is an approver by name, the SRE lead through a user group
 * (resolved with usergroups.users.list like in production), the developer is neither. Validated with the
 * real schema before it is written, so the demo cannot drift from what `gw502 serve` accepts.
 */
export function demoConfig(): Record<string, unknown> {
  return {
    approvers: { users: [...DEMO_APPROVER_USERS], usergroups: Object.keys(DEMO_USERGROUPS) },
    requireSecondApprover: false,
    approvalTtlMinutes: 15,
    proxy: { namespace: 'ingress-nginx', deployment: 'ingress-nginx-controller' },
  };
}

export async function writeDemoConfig(dir: string): Promise<string> {
  const raw = demoConfig();
  parseConfig(raw, 'demo config');
  const path = join(dir, 'gw502.yaml');
  await writeFile(path, `# written by gw502 demo\n${stringify(raw)}`, { mode: 0o600 });
  return path;
}
