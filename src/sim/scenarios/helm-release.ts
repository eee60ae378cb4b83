import { gunzipSync, gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import type { KubeObject } from '../scenario.js';

export interface HelmRevision {
  revision: number;
  status: 'deployed' | 'superseded' | 'failed';
  /** The objects this revision rendered (the release manifest). */
  objects: KubeObject[];
  appVersion: string;
  updated: string;
  description?: string;
}

/** Helm's storage encoding (pkg/storage/driver/util.go): base64(gzip(JSON release)). */
export function encodeRelease(release: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(release))).toString('base64');
}

export function decodeRelease(encoded: string): unknown {
  return JSON.parse(gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8'));
}

function manifestOf(chart: string, objects: KubeObject[]): string {
  return objects
    .map((o) => `---\n# Source: ${chart}/templates/${o.kind.toLowerCase()}.yaml\n${stringify(o)}`)
    .join('');
}

/**
 * The `sh.helm.release.v1.<release>.v<N>` Secrets helm itself writes: type helm.sh/release.v1, labels
 * name/owner/status/version, data.release holding the encoded release (base64 once more on the wire).
 */
export function helmReleaseSecrets(o: {
  release: string;
  namespace: string;
  chart: string;
  chartVersion: string;
  revisions: HelmRevision[];
}): KubeObject[] {
  const first = o.revisions[0]?.updated ?? new Date(0).toISOString();
  return o.revisions.map((r) => {
    const release = {
      name: o.release,
      info: {
        first_deployed: first,
        last_deployed: r.updated,
        deleted: '',
        description: r.description ?? (r.revision === 1 ? 'Install complete' : 'Upgrade complete'),
        status: r.status,
      },
      chart: {
        metadata: {
          name: o.chart,
          version: o.chartVersion,
          description: `A Helm chart for ${o.chart}`,
          apiVersion: 'v2',
          appVersion: r.appVersion,
          type: 'application',
        },
        lock: null,
        templates: [],
        values: {},
        schema: null,
        files: [],
      },
      config: {},
      manifest: manifestOf(o.chart, r.objects),
      version: r.revision,
      namespace: o.namespace,
    };
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: `sh.helm.release.v1.${o.release}.v${r.revision}`,
        namespace: o.namespace,
        labels: {
          name: o.release,
          owner: 'helm',
          status: r.status,
          version: String(r.revision),
          modifiedAt: String(Math.floor(Date.parse(r.updated) / 1000)),
        },
      },
      type: 'helm.sh/release.v1',
      data: { release: Buffer.from(encodeRelease(release)).toString('base64') },
    };
  });
}
