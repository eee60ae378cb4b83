import type { ResourceInfo } from './resource-types.js';
import { METRICS_TYPES, RESOURCE_TYPES } from './resource-types.js';

/**
 * Discovery documents (`/api`, `/apis`, `/api/v1`, `/apis/<g>/<v>`, `/version`). Always the plain
 * (non-aggregated) forms: kubectl 1.35 asks for apidiscovery.k8s.io/v2 first and falls back when the
 * answer's content type is plain `application/json`.
 */

function served(metrics: boolean): ResourceInfo[] {
  return metrics ? [...RESOURCE_TYPES, ...METRICS_TYPES] : [...RESOURCE_TYPES];
}

export function versionInfo(): Record<string, string> {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.0-gw502sim',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.23.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function coreVersions(): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }],
  };
}

export function apiGroupList(metrics: boolean): Record<string, unknown> {
  const groups = new Map<string, string[]>();
  for (const t of served(metrics)) {
    if (t.group === '') continue;
    const versions = groups.get(t.group) ?? [];
    if (!versions.includes(t.version)) versions.push(t.version);
    groups.set(t.group, versions);
  }
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${versions[0] ?? ''}`, version: versions[0] ?? '' },
    })),
  };
}

/** APIResourceList for one group/version, or undefined when that group/version is not served. */
export function apiResourceList(
  group: string,
  version: string,
  metrics: boolean,
): Record<string, unknown> | undefined {
  const types = served(metrics).filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const t of types) {
    resources.push({
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...(t.shortNames.length > 0 ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length > 0 ? { categories: t.categories } : {}),
    });
    for (const sub of t.subresources) {
      const sr: Record<string, unknown> = {
        name: `${t.plural}/${sub}`,
        singularName: '',
        namespaced: t.namespaced,
      };
      if (sub === 'scale')
        Object.assign(sr, {
          group: 'autoscaling',
          version: 'v1',
          kind: 'Scale',
          verbs: ['get', 'patch', 'update'],
        });
      else if (sub === 'status') Object.assign(sr, { kind: t.kind, verbs: ['get', 'patch', 'update'] });
      else if (sub === 'log') Object.assign(sr, { kind: 'Pod', verbs: ['get'] });
      else
        Object.assign(sr, {
          kind: sub === 'proxy' && t.plural === 'pods' ? 'PodProxyOptions' : 'ServiceProxyOptions',
          verbs: ['create', 'delete', 'get', 'patch', 'update'],
        });
      resources.push(sr);
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? version : `${group}/${version}`,
    resources,
  };
}

/** `/apis/<group>`: the APIGroup document. */
export function apiGroup(group: string, metrics: boolean): Record<string, unknown> | undefined {
  const list = apiGroupList(metrics).groups as { name: string }[];
  const g = list.find((x) => x.name === group);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...g } : undefined;
}
