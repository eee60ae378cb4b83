import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';

/**
 * Read nginx.conf and every file its `include` directives name (globs in the last path component, like
 * `sites-enabled/*`), so the parser sees what nginx sees without needing the nginx binary.
 */
export async function readNginxConfigFiles(main: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const mainDir = dirname(main);
  async function visit(path: string, depth: number): Promise<void> {
    if (files.has(path) || depth > 10) return;
    const text = await readFile(path, 'utf8');
    files.set(path, text);
    for (const m of text.matchAll(/^\s*include\s+["']?([^;"']+)["']?\s*;/gm)) {
      const target = isAbsolute(m[1]!) ? m[1]! : join(mainDir, m[1]!);
      for (const p of await expandGlob(target)) await visit(p, depth + 1).catch(() => undefined);
    }
  }
  await visit(main, 0);
  return files;
}

async function expandGlob(pattern: string): Promise<string[]> {
  const name = basename(pattern);
  if (!/[*?]/.test(name)) return [pattern];
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  const dir = dirname(pattern);
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries
    .filter((e) => re.test(e))
    .sort()
    .map((e) => join(dir, e));
}
