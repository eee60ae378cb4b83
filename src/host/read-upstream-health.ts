import type { UpstreamHealth } from './host-snapshot.js';
import { parseDockerInspect } from './parse-docker-inspect.js';
import { parseJournalJson } from './parse-journal-json.js';
import { parseSystemctlShow } from './parse-systemctl-show.js';
import { runProgram } from './run-program.js';

const UNIT_PROPERTIES = 'LoadState,ActiveState,SubState,Result,NRestarts,ExecMainStatus,ExecMainCode';
/** Messages systemctl prints when there is no systemd to talk to (containers, WSL without systemd). */
const NO_SYSTEMD = /not been booted with systemd|Failed to connect to bus|System has not been booted/i;
const NO_DOCKER_DAEMON =
  /Cannot connect to the (Docker|Podman) daemon|Is the docker daemon running|no such file or directory.*sock/i;

async function readUnit(unit: string): Promise<UpstreamHealth> {
  const name = unit.includes('.') ? unit : `${unit}.service`;
  const show = await runProgram('systemctl', ['show', name, `--property=${UNIT_PROPERTIES}`]);
  if (!show.ok) {
    if (show.missing || NO_SYSTEMD.test(show.stderr + show.stdout)) {
      return {
        unavailable: `systemd is not available here (${show.missing ? 'no systemctl' : 'not booted with systemd'})`,
      };
    }
    return { unavailable: show.reason };
  }
  const state = parseSystemctlShow(name, show.stdout);
  if (state.loadState === 'not-found') return { unavailable: `no systemd unit ${name}` };
  const journal = await runProgram('journalctl', ['-u', name, '-n', '50', '-o', 'json', '--no-pager']);
  return { ...state, journal: journal.ok ? parseJournalJson(journal.stdout) : [] };
}

async function readContainer(name: string): Promise<UpstreamHealth> {
  const reasons: string[] = [];
  for (const runtime of ['docker', 'podman'] as const) {
    const inspect = await runProgram(runtime, ['inspect', '--type', 'container', name]);
    if (!inspect.ok) {
      if (inspect.missing) reasons.push(`no ${runtime}`);
      else if (NO_DOCKER_DAEMON.test(inspect.stderr)) reasons.push(`${runtime} daemon not running`);
      else reasons.push(`no ${runtime} container ${name}`);
      continue;
    }
    const state = parseDockerInspect(name, runtime, inspect.stdout);
    if (!state) {
      reasons.push(`${runtime} inspect output not understood`);
      continue;
    }
    // `docker logs` writes the container's stderr to our stderr; both are the app's log.
    const logs = await runProgram(runtime, ['logs', '--tail', '50', '--timestamps', name]);
    const lines = `${logs.stdout}\n${logs.stderr}`.split('\n').filter((l) => l.trim());
    return { ...state, logs: lines.slice(-50) };
  }
  return { unavailable: reasons.join('; ') };
}

/**
 * Runbook step 1 on a host: the service's systemd unit, or its container. With neither named, the unit
 * named like the service is tried first, then a container of that name.
 */
export async function readUpstreamHealth(opts: {
  service: string;
  unit?: string;
  container?: string;
}): Promise<UpstreamHealth> {
  if (opts.container) return readContainer(opts.container);
  const unit = await readUnit(opts.unit ?? opts.service);
  if (opts.unit || !('unavailable' in unit)) return unit;
  const container = await readContainer(opts.service);
  if (!('unavailable' in container)) return container;
  return { unavailable: `${unit.unavailable}; ${container.unavailable}` };
}
