import { rm } from 'node:fs/promises';
import { diagnoseHost, type DiagnoseHostOptions } from '../../../src/host/diagnose-host.js';
import type { DiagnosisReport } from '../../../src/diagnosis/report.js';

/** Things a test started, stopped in reverse order afterwards (proxies before their upstreams). */
export class Cleanup {
  private readonly tasks: (() => Promise<void>)[] = [];
  add<T extends { close?: () => Promise<void>; stop?: () => Promise<void> }>(thing: T): T {
    this.tasks.push(async () => {
      await thing.stop?.();
      await thing.close?.();
    });
    return thing;
  }
  dir(path: string): string {
    this.tasks.push(() => rm(path, { recursive: true, force: true }));
    return path;
  }
  async run(): Promise<void> {
    for (const t of this.tasks.splice(0).reverse()) await t().catch(() => undefined);
  }
}

/** Diagnose with the probes and keep-alive measurement bounded for tests; no systemd unit named like it. */
export function diagnose(opts: DiagnoseHostOptions): Promise<DiagnosisReport> {
  return diagnoseHost({ hostName: 'test-host', unit: 'gw502-test-none', ...opts });
}

export const check = (r: DiagnosisReport, id: string) => r.checks.find((c) => c.id === id)!;
export const allEvidence = (r: DiagnosisReport): string => r.checks.flatMap((c) => c.evidence).join('\n');
