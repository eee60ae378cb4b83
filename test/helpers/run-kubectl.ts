import { execa } from 'execa';

export interface ToolResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunToolOptions {
  timeoutMs?: number;
  /** Extra environment (HELM_*_HOME…); the environment is otherwise only KUBECONFIG and HOME. */
  env?: Record<string, string>;
  cwd?: string;
}

/** Runs a real kubectl/helm binary against a kubeconfig: argument array, no shell, never throws. */
export async function runTool(
  binary: string,
  kubeconfigPath: string,
  args: string[],
  opts: RunToolOptions = {},
): Promise<ToolResult> {
  const r = await execa(binary, args, {
    env: { KUBECONFIG: kubeconfigPath, HOME: process.env.HOME ?? '/tmp', ...opts.env },
    ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
    extendEnv: false,
    reject: false,
    timeout: opts.timeoutMs ?? 20_000,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
