import type { z } from 'zod';
import { dns1123Label, hostName, serviceName } from '../../queue/diagnose-job.js';

export type ParsedCommand =
  | { kind: 'diagnose'; app: string; namespace: string }
  | { kind: 'diagnose-host'; host: string; service: string }
  | { kind: 'history'; app?: string; namespace?: string }
  | { kind: 'help' }
  /** Unknown or malformed: `problem` says what was wrong, in one line, for the usage answer. */
  | { kind: 'invalid'; problem: string };

function check(schema: z.ZodString, value: string, what: string): string | undefined {
  const r = schema.safeParse(value);
  return r.success
    ? undefined
    : `${what} \`${value.slice(0, 80)}\` is not valid: ${r.error.issues[0]?.message ?? ''}`;
}

/** `/gw502 <text>` → what to do. Pure; never throws. */
export function parseCommand(text: string): ParsedCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [verb, ...args] = words;
  switch (verb?.toLowerCase()) {
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      return { kind: 'help' };
    case 'diagnose': {
      const [app, namespace] = args;
      if (!app || !namespace || args.length > 2)
        return { kind: 'invalid', problem: 'usage: `/gw502 diagnose <app> <namespace>`' };
      const problem = check(dns1123Label, app, 'app') ?? check(dns1123Label, namespace, 'namespace');
      return problem ? { kind: 'invalid', problem } : { kind: 'diagnose', app, namespace };
    }
    case 'diagnose-host': {
      const [host, service] = args;
      if (!host || !service || args.length > 2) {
        return { kind: 'invalid', problem: 'usage: `/gw502 diagnose-host <host> <service>`' };
      }
      const problem = check(hostName, host, 'host') ?? check(serviceName, service, 'service');
      return problem ? { kind: 'invalid', problem } : { kind: 'diagnose-host', host, service };
    }
    case 'history': {
      if (args.length === 0) return { kind: 'history' };
      const [app, namespace] = args;
      if (!app || !namespace || args.length > 2) {
        return { kind: 'invalid', problem: 'usage: `/gw502 history [<app> <namespace>]`' };
      }
      const problem = check(dns1123Label, app, 'app') ?? check(dns1123Label, namespace, 'namespace');
      return problem ? { kind: 'invalid', problem } : { kind: 'history', app, namespace };
    }
    default:
      return { kind: 'invalid', problem: `unknown command \`${(verb ?? '').slice(0, 40)}\`` };
  }
}
