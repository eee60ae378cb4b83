import { gunzipSync } from 'node:zlib';
import type { V1Secret } from '@kubernetes/client-node';
import type { HelmReleaseRevision } from './snapshot.js';

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Decode a Helm 3/4 release Secret (`sh.helm.release.v1.<name>.v<rev>`). Helm stores
 * base64(gzip(JSON)) in `data.release`, and the Secret's own encoding adds another base64 layer.
 */
export function decodeHelmReleaseSecret(secret: V1Secret): HelmReleaseRevision | undefined {
  const labels = secret.metadata?.labels ?? {};
  const encoded = secret.data?.release;
  const fromLabels = (): HelmReleaseRevision | undefined => {
    const name = labels.name;
    const revision = Number(labels.version);
    if (!name || !Number.isInteger(revision)) return undefined;
    return { name, revision, status: labels.status ?? 'unknown' };
  };
  if (!encoded) return fromLabels();
  try {
    let bytes = Buffer.from(Buffer.from(encoded, 'base64').toString('latin1'), 'base64');
    if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) bytes = Buffer.from(encoded, 'base64');
    const json = bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1] ? gunzipSync(bytes) : bytes;
    const release = JSON.parse(json.toString('utf8')) as {
      name?: string;
      version?: number;
      info?: { status?: string; last_deployed?: string };
      chart?: { metadata?: { name?: string; version?: string; appVersion?: string } };
    };
    const base = fromLabels();
    const name = release.name ?? base?.name;
    const revision = release.version ?? base?.revision;
    if (!name || revision === undefined) return base;
    const chartMeta = release.chart?.metadata;
    return {
      name,
      revision,
      status: release.info?.status ?? base?.status ?? 'unknown',
      chart: chartMeta?.name ? `${chartMeta.name}-${chartMeta.version ?? '?'}` : undefined,
      appVersion: chartMeta?.appVersion,
      updated: release.info?.last_deployed,
    };
  } catch {
    return fromLabels();
  }
}
