import type { SystemdUnitState } from './host-snapshot.js';

/** `systemctl show <unit> --property=…` output (`Key=Value` lines) → the unit's state. */
export function parseSystemctlShow(unit: string, text: string): Omit<SystemdUnitState, 'journal'> {
  const props = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) props.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  const num = (k: string): number | undefined => {
    const v = props.get(k);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
  };
  const state: Omit<SystemdUnitState, 'journal'> = { kind: 'systemd', unit };
  const str = (k: string): string | undefined => props.get(k) || undefined;
  const loadState = str('LoadState');
  if (loadState) state.loadState = loadState;
  const active = str('ActiveState');
  if (active) state.activeState = active;
  const sub = str('SubState');
  if (sub) state.subState = sub;
  const result = str('Result');
  if (result) state.result = result;
  const restarts = num('NRestarts');
  if (restarts !== undefined) state.restarts = restarts;
  const status = num('ExecMainStatus');
  if (status !== undefined) state.execMainStatus = status;
  return state;
}
