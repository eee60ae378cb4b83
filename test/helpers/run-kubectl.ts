import { execa } from 'execa';

export interface ToolResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a real kubectl/helm binary against a kubeconfig: argument array, no shell, never throws. */
export async function runTool(
  binary: string,
  kubeconfigPath: string,
  args: string[],
  timeoutMs = 20_000,
): Promise<ToolResult> {
  const r = await execa(binary, args, {
    env: { KUBECONFIG: kubeconfigPath, HOME: process.env.HOME ?? '/tmp' },
    extendEnv: false,
    reject: false,
    timeout: timeoutMs,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
