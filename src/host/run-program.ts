import { execa } from 'execa';

export type ProgramResult =
  | { ok: true; stdout: string; stderr: string; exitCode: number }
  | { ok: false; missing: boolean; reason: string; stdout: string; stderr: string; exitCode?: number };

/**
 * Run one external program with an argument array (never a shell) and a timeout. A binary that is not
 * installed comes back as `missing` so the check using it is skipped rather than failed.
 */
export async function runProgram(file: string, args: string[], timeoutMs = 5000): Promise<ProgramResult> {
  const r = await execa(file, args, { reject: false, timeout: timeoutMs, stdin: 'ignore', all: false });
  const stdout = typeof r.stdout === 'string' ? r.stdout : '';
  const stderr = typeof r.stderr === 'string' ? r.stderr : '';
  const code = (r as { code?: string }).code;
  if (code === 'ENOENT' || code === 'EACCES') {
    return { ok: false, missing: true, reason: `${file} is not installed here`, stdout, stderr };
  }
  if (r.timedOut)
    return { ok: false, missing: false, reason: `${file} timed out after ${timeoutMs} ms`, stdout, stderr };
  if (r.exitCode !== 0) {
    const first = (stderr || stdout).split('\n').find((l) => l.trim()) ?? '';
    return {
      ok: false,
      missing: false,
      reason: `${file} exited ${r.exitCode}: ${first}`.trim(),
      stdout,
      stderr,
      exitCode: r.exitCode,
    };
  }
  return { ok: true, stdout, stderr, exitCode: 0 };
}
