import type { ExitCode } from './index.js';

/** `gw502 agent --host NAME` — placeholder until the host agent lands (issue 9). */
export function runAgent(_opts: { host: string }): Promise<ExitCode> {
  process.stderr.write('gw502 agent: not available in this build yet\n');
  return Promise.resolve(2);
}
