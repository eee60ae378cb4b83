import { z } from 'zod';
import type { ContainerState } from './host-snapshot.js';

const Inspect = z.array(
  z.object({
    Name: z.string().optional(),
    RestartCount: z.number().optional(),
    State: z
      .object({
        Status: z.string().optional(),
        Running: z.boolean().optional(),
        Restarting: z.boolean().optional(),
        OOMKilled: z.boolean().optional(),
        ExitCode: z.number().optional(),
        Error: z.string().optional(),
        StartedAt: z.string().optional(),
        FinishedAt: z.string().optional(),
      })
      .optional(),
  }),
);

/** `docker inspect <name>` / `podman inspect <name>` JSON → the container's state (logs added by the loader). */
export function parseDockerInspect(
  name: string,
  runtime: 'docker' | 'podman',
  json: string,
): Omit<ContainerState, 'logs'> | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = Inspect.safeParse(raw);
  const first = parsed.success ? parsed.data[0] : undefined;
  if (!first) return undefined;
  const s = first.State ?? {};
  const state: Omit<ContainerState, 'logs'> = { kind: 'container', name, runtime };
  if (s.Status !== undefined) state.status = s.Status;
  if (s.Running !== undefined) state.running = s.Running;
  if (s.Restarting !== undefined) state.restarting = s.Restarting;
  if (s.ExitCode !== undefined) state.exitCode = s.ExitCode;
  if (s.OOMKilled !== undefined) state.oomKilled = s.OOMKilled;
  if (s.Error) state.error = s.Error;
  if (s.StartedAt) state.startedAt = s.StartedAt;
  if (s.FinishedAt && !s.FinishedAt.startsWith('0001-')) state.finishedAt = s.FinishedAt;
  if (first.RestartCount !== undefined) state.restartCount = first.RestartCount;
  return state;
}
