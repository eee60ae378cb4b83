import type { Check } from '../../checks/check.js';
import type { CauseProposal } from '../../diagnosis/report.js';
import { isUnavailable, type HostSnapshot } from '../host-snapshot.js';

/** Runbook step 1 on a host: `systemctl status` / `journalctl -u`, or `docker ps` / `docker logs`. */
export const upstreamHealthCheck: Check<HostSnapshot> = {
  id: 'host-upstream-health',
  runbookStep: '1',
  title: 'Upstream service health (systemd / container)',
  run(s) {
    const h = s.upstreamHealth;
    if (isUnavailable(h)) return { status: 'skipped', summary: h.unavailable, evidence: [] };
    const proposals: CauseProposal[] = [];
    if (h.kind === 'systemd') {
      const state = `${h.unit} ${h.activeState ?? '?'}/${h.subState ?? '?'}, result ${h.result ?? '?'}, ${h.restarts ?? 0} restarts, last exit ${h.execMainStatus ?? '?'}`;
      const evidence = [state, ...h.journal.slice(-5)];
      const oom =
        h.result === 'oom-kill' || h.journal.some((l) => /out of memory|oom-kill|OOM killer/i.test(l));
      const restarting =
        (h.restarts ?? 0) > 0 && (h.activeState !== 'active' || h.subState === 'auto-restart');
      if (oom)
        proposals.push({
          cause: 'oom-killed',
          confidence: 'high',
          summary: `${h.unit} was killed for memory (${h.result ?? 'OOM in journal'}).`,
        });
      else if (h.activeState === 'failed' || restarting || h.subState === 'auto-restart') {
        proposals.push({
          cause: 'crash-loop',
          confidence: 'high',
          summary: `${h.unit} keeps exiting (${h.restarts ?? 0} restarts, last exit status ${h.execMainStatus ?? '?'}).`,
        });
      }
      if (h.activeState === 'active' && !proposals.length) return { status: 'ok', summary: state, evidence };
      return { status: 'fail', summary: state, evidence, proposals };
    }
    const state = `${h.runtime} container ${h.name}: ${h.status ?? '?'}, exit ${h.exitCode ?? '?'}, OOMKilled ${h.oomKilled ?? false}, ${h.restartCount ?? 0} restarts`;
    const evidence = [state, ...(h.error ? [h.error] : []), ...h.logs.slice(-5)];
    if (h.oomKilled)
      proposals.push({
        cause: 'oom-killed',
        confidence: 'high',
        summary: `Container ${h.name} was OOMKilled (exit ${h.exitCode ?? '?'}).`,
      });
    else if (h.restarting || (h.running === false && (h.exitCode ?? 0) !== 0) || (h.restartCount ?? 0) >= 3) {
      proposals.push({
        cause: 'crash-loop',
        confidence: 'high',
        summary: `Container ${h.name} keeps exiting (exit ${h.exitCode ?? '?'}, ${h.restartCount ?? 0} restarts).`,
      });
    }
    if (h.running && !proposals.length) return { status: 'ok', summary: state, evidence };
    return { status: 'fail', summary: state, evidence, proposals };
  },
};
