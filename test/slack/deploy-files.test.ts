import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * Slack's app-manifest schema is not available offline; this encodes the parts of it we rely on
 * (https://api.slack.com/reference/manifests) strictly enough to catch typos and missing pieces.
 */
const manifestSchema = z
  .object({
    display_information: z
      .object({ name: z.string().min(1).max(35), description: z.string().max(140).optional() })
      .loose(),
    features: z.object({
      bot_user: z.object({ display_name: z.string().min(1).max(80), always_online: z.boolean().optional() }),
      slash_commands: z
        .array(
          z
            .object({
              command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
              url: z.url().optional(),
              description: z.string().min(1).max(2000),
              usage_hint: z.string().max(1000).optional(),
              should_escape: z.boolean().optional(),
            })
            .strict(),
        )
        .min(1),
    }),
    oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string().regex(/^[a-z.:_]+$/)) }) }),
    settings: z
      .object({
        interactivity: z.object({ is_enabled: z.boolean(), request_url: z.url().optional() }),
        socket_mode_enabled: z.boolean(),
        org_deploy_enabled: z.boolean().optional(),
        token_rotation_enabled: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

describe('manifest.yml', () => {
  const manifest = manifestSchema.parse(parse(readFileSync('manifest.yml', 'utf8')));

  it('declares /gw502 and interactivity on the events endpoint', () => {
    const cmd = manifest.features.slash_commands.find((c) => c.command === '/gw502');
    expect(cmd?.url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.interactivity).toMatchObject({ is_enabled: true });
    expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
  });

  it('asks only for the scopes gw502 uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'chat:write',
      'chat:write.public',
      'commands',
      'usergroups:read',
    ]);
  });

  it('documents the Socket Mode variant', () => {
    const text = readFileSync('manifest.yml', 'utf8');
    for (const needle of [
      'Socket Mode',
      'socket_mode_enabled: true',
      'SLACK_APP_TOKEN',
      'connections:write',
    ]) {
      expect(text).toContain(needle);
    }
  });
});

/** A Dockerfile as instructions (continuations joined), grouped by stage. */
function parseDockerfile(text: string) {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: { from: string; name?: string; instructions: { op: string; args: string }[] }[] = [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args);
      stages.push({ from: m?.[1] ?? '', ...(m?.[2] ? { name: m[2] } : {}), instructions: [] });
    } else stages.at(-1)?.instructions.push({ op: op.toUpperCase(), args });
  }
  return stages;
}

describe('Dockerfile', () => {
  const stages = parseDockerfile(readFileSync('Dockerfile', 'utf8'));
  const final = stages.at(-1)!;
  const find = (op: string) => final.instructions.filter((i) => i.op === op);

  it('is multi-stage: built and run on node:24-slim (current LTS), helm copied from a pinned image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const nodeStages = stages.filter((s) => s.from.startsWith('node:'));
    for (const s of nodeStages) expect(s.from).toBe('node:24-slim');
    expect(final.from).toBe('node:24-slim');
    for (const s of stages.filter((x) => !x.from.startsWith('node:')))
      expect(s.from).toMatch(/^[\w./-]+:\d+\.\d+\.\d+$/);
  });

  it('runs as a non-root user with gw502 serve as entrypoint', () => {
    expect(find('USER').at(-1)?.args).toMatch(/^(node|\d{4,})$/);
    expect(find('ENTRYPOINT')[0]?.args).toBe('["node", "bin/gw502.js"]');
    expect(find('CMD')[0]?.args).toBe('["serve"]');
  });

  it('health-checks /healthz', () => {
    expect(find('HEALTHCHECK')[0]?.args).toContain('/healthz');
  });

  it('copies only build output and production dependencies into the runtime image', () => {
    const copies = find('COPY').map((c) => c.args);
    expect(copies.some((c) => c.includes('--from=build') && c.includes('/app/dist'))).toBe(true);
    expect(copies.some((c) => /\bsrc\b/.test(c))).toBe(false);
    expect(
      stages[0]!.instructions.some((i) => i.op === 'RUN' && i.args.includes('npm prune --omit=dev')),
    ).toBe(true);
  });
});
