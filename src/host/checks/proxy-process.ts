import type { Check } from '../../checks/check.js';
import type { CauseProposal, SuggestedAction } from '../../diagnosis/report.js';
import { isUnavailable, type HostSnapshot } from '../host-snapshot.js';

const RESOLVE_FAILURE = /could not resolve address|host not found in upstream|could not be resolved/i;

export const restartProxyAction = (s: HostSnapshot, reason: string): SuggestedAction => ({
  kind: 'restart-proxy',
  target: `host/${s.host}/${s.proxyKind ?? 'proxy'}`,
  reason,
});

/**
 * Runbook step 3, the proxy itself: its process (pid file or /proc), the sockets it should listen on and
 * its own config test. A proxy that is down or whose config does not load answers nothing at all.
 */
export const proxyProcessCheck: Check<HostSnapshot> = {
  id: 'host-proxy-process',
  runbookStep: '3',
  title: 'Proxy process, sockets and config test',
  run(s) {
    if (!s.proxyKind || !s.proxy)
      return { status: 'skipped', summary: 'no nginx or HAProxy found on this host', evidence: [] };
    const p = s.proxy;
    const evidence: string[] = [
      `${s.proxyKind}: ${p.running ? `running, pid ${p.pid}` : 'not running'} (${p.how})`,
    ];
    for (const l of p.listening)
      evidence.push(`${l.address.host}:${l.address.port} ${l.listening ? 'listening' : 'NOT listening'}`);
    const test = p.configTest;
    const testFailed = !isUnavailable(test) && !test.ok;
    if (isUnavailable(test)) evidence.push(`config test skipped: ${test.unavailable}`);
    else
      evidence.push(
        `config test (${s.configPath}): ${test.ok ? 'ok' : 'FAILED'}`,
        ...(test.ok ? [] : test.output.split('\n').filter(Boolean).slice(0, 5)),
      );
    const proposals: CauseProposal[] = [];
    const notListening = p.running && p.listening.length > 0 && p.listening.every((l) => !l.listening);
    const dnsFailure = testFailed && RESOLVE_FAILURE.test(test.output);
    if (dnsFailure) {
      proposals.push({
        cause: 'dns-resolution',
        confidence: 'high',
        summary: `${s.proxyKind} cannot resolve an upstream name, so its config does not load.`,
      });
    }
    if (!p.running || testFailed || notListening) {
      const why = !p.running
        ? `${s.proxyKind} is not running`
        : testFailed
          ? `${s.proxyKind}'s config test fails`
          : `${s.proxyKind} listens on none of its ports`;
      const actions = testFailed ? [] : [restartProxyAction(s, why)];
      // When the config fails only because a name does not resolve, DNS is the cause and the dead proxy its effect.
      proposals.push({
        cause: 'proxy-unhealthy',
        confidence: dnsFailure ? 'medium' : 'high',
        summary: `${why}.`,
        actions,
      });
      return { status: 'fail', summary: why, evidence, proposals };
    }
    return {
      status: 'ok',
      summary: `${s.proxyKind} running (pid ${p.pid})${isUnavailable(test) ? '' : ', config test ok'}`,
      evidence,
    };
  },
};
