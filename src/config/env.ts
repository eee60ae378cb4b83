import { z } from 'zod';

/**
 * The process environment of `gw502 serve` / `gw502 worker` (contract.md, Environment), parsed once at start.
 * Slack secrets are optional here because `gw502 worker` needs only the bot token and the receiver checks
 * what it needs itself; a missing one is reported by name, never as a stack trace.
 */
export const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'an app-level token starting with xapp-')
    .optional(),
  SLACK_API_URL: z
    .url()
    .default('https://slack.com/api/')
    // WebClient joins method names onto the base; without the trailing slash the last segment is lost.
    .transform((u) => (u.endsWith('/') ? u : `${u}/`)),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
    .default('redis://127.0.0.1:6379'),
  KUBECONFIG: z.string().optional(),
  GW502_CONFIG: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * How long a worker's lock on a job lasts before another worker may take the job over (a SIGKILLed
   * worker's job is picked up after this). Default 30 s, BullMQ's own; tests shorten it.
   */
  GW502_JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
});

export type Gw502Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parse the environment; the error names the variable (`PORT: Too big: expected number to be <=65535`). */
export function parseEnv(env: NodeJS.ProcessEnv = process.env): Gw502Env {
  // Empty strings (e.g. `SLACK_APP_TOKEN=` in a compose file) mean unset.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new EnvError(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
