import { request } from 'node:http';
import type { UpstreamServer } from '../proxy/proxy-kind.js';
import { isUnavailable, type ProxyProcess } from './host-snapshot.js';
import type { HostProxyId } from './host-proxy-config.js';
import { runProgram, type ProgramResult } from './run-program.js';
import { testProxyConfig } from './test-proxy-config.js';

export interface RestartProxyRequest {
  kind: HostProxyId;
  configPath: string;
  /** systemd unit of the proxy (default: `nginx` / `haproxy`). */
  unit?: string;
  /** `reload` (default) keeps connections; `restart` only when asked for. */
  mode?: 'reload' | 'restart';
  /** Where the proxy should answer afterwards (its listen addresses); the first that answers wins. */
  verifyAt: UpstreamServer[];
  /** nginx `-p` prefix, when the running proxy uses one. */
  prefix?: string;
  verifyTimeoutMs?: number;
}

export interface RestartProxyPlan {
  command?: { file: string; args: string[] };
  /** Set when nothing will be run, and why (a restart would fail on the broken config). */
  refused?: string;
}

export interface RestartProxyOutcome {
  ok: boolean;
  plan: RestartProxyPlan;
  configTest: ProxyProcess['configTest'];
  ran?: { ok: boolean; detail: string };
  verification?: { answered: boolean; detail: string };
  /** One line for the Slack message. */
  message: string;
}

/** Pure: what to run given the config test. A failing config test means a reload/restart would fail too. */
export function planRestartProxy(
  req: RestartProxyRequest,
  configTest: ProxyProcess['configTest'],
): RestartProxyPlan {
  if (!isUnavailable(configTest) && !configTest.ok) {
    const first =
      configTest.output.split('\n').find((l) => /emerg|ALERT|error/i.test(l)) ??
      configTest.output.split('\n')[0] ??
      '';
    return {
      refused: `${req.kind}'s config test fails, so a ${req.mode ?? 'reload'} would fail too: ${first}`,
    };
  }
  const unit = req.unit ?? req.kind;
  return { command: { file: 'systemctl', args: [req.mode ?? 'reload', unit] } };
}

function answers(at: UpstreamServer, timeoutMs: number): Promise<string | undefined> {
  const host = at.host === '*' || at.host === '::' || at.host === '0.0.0.0' ? '127.0.0.1' : at.host;
  return new Promise((resolve) => {
    const req = request({ host, port: at.port, path: '/', method: 'GET', agent: false }, (res) => {
      res.resume();
      resolve(`${host}:${at.port} answered HTTP ${res.statusCode ?? 0}`);
    });
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

/** After the action: the proxy answers HTTP again (any status: a 502 from a live proxy is the app's). */
export async function verifyProxyAnswers(
  at: UpstreamServer[],
  timeoutMs = 10_000,
): Promise<{ answered: boolean; detail: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const a of at) {
      const ok = await answers(a, 2000);
      if (ok) return { answered: true, detail: ok };
    }
    if (Date.now() >= deadline) {
      return {
        answered: false,
        detail: `no answer at ${at.map((a) => `${a.host}:${a.port}`).join(', ') || '(no listen address)'} within ${timeoutMs} ms`,
      };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The `restart-proxy` host action: config test first; `systemctl reload` (or `restart` on request) only
 * when it passes; then verify the proxy answers. Runs once per call — the approval machinery guards
 * against repeats.
 */
export async function restartProxy(
  req: RestartProxyRequest,
  deps: { run?: (file: string, args: string[]) => Promise<ProgramResult> } = {},
): Promise<RestartProxyOutcome> {
  const run = deps.run ?? ((f: string, a: string[]) => runProgram(f, a, 30_000));
  const configTest = await testProxyConfig(req.kind, req.configPath, req.prefix);
  const plan = planRestartProxy(req, configTest);
  if (!plan.command) return { ok: false, plan, configTest, message: plan.refused ?? 'nothing to run' };
  const r = await run(plan.command.file, plan.command.args);
  const what = `${plan.command.file} ${plan.command.args.join(' ')}`;
  const ran = r.ok ? { ok: true, detail: `${what}: done` } : { ok: false, detail: `${what}: ${r.reason}` };
  if (!ran.ok) return { ok: false, plan, configTest, ran, message: ran.detail };
  const verification = await verifyProxyAnswers(req.verifyAt, req.verifyTimeoutMs);
  return {
    ok: verification.answered,
    plan,
    configTest,
    ran,
    verification,
    message: verification.answered
      ? `${what}; ${verification.detail}`
      : `${what} ran but ${verification.detail}`,
  };
}
