import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** The YAML config (`GW502_CONFIG`), validated at start; see contract.md. */
export const configSchema = z
  .object({
    approvers: z
      .object({
        users: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'a Slack user id like U0123ABC')).default([]),
        usergroups: z
          .array(z.string().regex(/^S[A-Z0-9]+$/, 'a Slack user group id like S0456DEF'))
          .default([]),
      })
      .strict()
      .default({ users: [], usergroups: [] }),
    requireSecondApprover: z.boolean().default(false),
    approvalTtlMinutes: z
      .number()
      .int()
      .positive()
      .max(24 * 60)
      .default(15),
    incidentChannel: z
      .string()
      .regex(/^[CG][A-Z0-9]+$/, 'a Slack channel id like C0INCIDENT')
      .optional(),
    namespaces: z.array(z.string().min(1)).min(1).optional(),
    proxy: z
      .object({
        namespace: z.string().min(1).default('ingress-nginx'),
        deployment: z.string().min(1).default('ingress-nginx-controller'),
      })
      .strict()
      .default({ namespace: 'ingress-nginx', deployment: 'ingress-nginx-controller' }),
  })
  .strict();

export type Gw502Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse a config object; errors name the field (`approvers.users[0]: a Slack user id like U0123ABC`). */
export function parseConfig(raw: unknown, source = 'config'): Gw502Config {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.') ?? '';
    throw new ConfigError(
      `${source}: ${path.replace(/\.\[/g, '[') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return result.data;
}

/** Load the YAML config from `GW502_CONFIG` (or the given path); no path = defaults. */
export function loadConfig(path: string | undefined = process.env.GW502_CONFIG): Gw502Config {
  if (!path) return parseConfig({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `GW502_CONFIG: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${path}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  return parseConfig(raw, path);
}
