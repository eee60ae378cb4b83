import type { ResourceType } from './runtime.js';

/**
 * Every resource type the simulated API server serves, with what discovery must say about it.
 * kubectl resolves `po`, `deploy`, `netpol`… and the verbs it may use from these entries, so they mirror
 * what a real 1.3x API server advertises.
 */
export interface ResourceInfo extends ResourceType {
  singular: string;
  listKind: string;
  shortNames: string[];
  verbs: string[];
  /** Subresources served (`status`, `scale`, `log`, `proxy`). */
  subresources: string[];
  categories: string[];
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface Spec {
  plural: string;
  kind: string;
  namespaced?: boolean;
  shortNames?: string[];
  verbs?: string[];
  subresources?: string[];
  all?: boolean;
}

function group(name: string, version: string, specs: Spec[]): ResourceInfo[] {
  return specs.map((s) => ({
    group: name,
    version,
    plural: s.plural,
    kind: s.kind,
    namespaced: s.namespaced ?? true,
    singular: s.kind.toLowerCase(),
    listKind: `${s.kind}List`,
    shortNames: s.shortNames ?? [],
    verbs: s.verbs ?? CRUD,
    subresources: s.subresources ?? [],
    categories: s.all ? ['all'] : [],
  }));
}

export const RESOURCE_TYPES: readonly ResourceInfo[] = [
  ...group('', 'v1', [
    {
      plural: 'namespaces',
      kind: 'Namespace',
      namespaced: false,
      shortNames: ['ns'],
      subresources: ['status'],
    },
    { plural: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no'], subresources: ['status'] },
    { plural: 'pods', kind: 'Pod', shortNames: ['po'], subresources: ['status', 'log', 'proxy'], all: true },
    {
      plural: 'services',
      kind: 'Service',
      shortNames: ['svc'],
      subresources: ['status', 'proxy'],
      all: true,
    },
    { plural: 'endpoints', kind: 'Endpoints', shortNames: ['ep'] },
    { plural: 'events', kind: 'Event', shortNames: ['ev'] },
    { plural: 'configmaps', kind: 'ConfigMap', shortNames: ['cm'] },
    { plural: 'secrets', kind: 'Secret' },
    { plural: 'serviceaccounts', kind: 'ServiceAccount', shortNames: ['sa'] },
    { plural: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', shortNames: ['pvc'] },
  ]),
  ...group('apps', 'v1', [
    {
      plural: 'deployments',
      kind: 'Deployment',
      shortNames: ['deploy'],
      subresources: ['status', 'scale'],
      all: true,
    },
    {
      plural: 'replicasets',
      kind: 'ReplicaSet',
      shortNames: ['rs'],
      subresources: ['status', 'scale'],
      all: true,
    },
    {
      plural: 'statefulsets',
      kind: 'StatefulSet',
      shortNames: ['sts'],
      subresources: ['status', 'scale'],
      all: true,
    },
    { plural: 'daemonsets', kind: 'DaemonSet', shortNames: ['ds'], subresources: ['status'], all: true },
    { plural: 'controllerrevisions', kind: 'ControllerRevision' },
  ]),
  ...group('networking.k8s.io', 'v1', [
    { plural: 'ingresses', kind: 'Ingress', shortNames: ['ing'], subresources: ['status'] },
    { plural: 'networkpolicies', kind: 'NetworkPolicy', shortNames: ['netpol'] },
    { plural: 'ingressclasses', kind: 'IngressClass', namespaced: false },
  ]),
  ...group('discovery.k8s.io', 'v1', [{ plural: 'endpointslices', kind: 'EndpointSlice' }]),
  ...group('gateway.networking.k8s.io', 'v1', [
    { plural: 'gateways', kind: 'Gateway', shortNames: ['gtw'], subresources: ['status'] },
    { plural: 'httproutes', kind: 'HTTPRoute', subresources: ['status'] },
    { plural: 'gatewayclasses', kind: 'GatewayClass', namespaced: false, shortNames: ['gc'] },
  ]),
  ...group('authorization.k8s.io', 'v1', [
    {
      plural: 'selfsubjectaccessreviews',
      kind: 'SelfSubjectAccessReview',
      namespaced: false,
      verbs: ['create'],
    },
  ]),
];

/** metrics.k8s.io is served only when metrics-server "is installed" (the runtime provides metrics). */
export const METRICS_TYPES: readonly ResourceInfo[] = group('metrics.k8s.io', 'v1beta1', [
  { plural: 'pods', kind: 'PodMetrics', verbs: ['get', 'list'] },
  { plural: 'nodes', kind: 'NodeMetrics', namespaced: false, verbs: ['get', 'list'] },
]);

/** Group (`''` for core) and version as written in apiVersion. */
export function apiVersionOf(type: ResourceType): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

/** `pods`, `deployments.apps`: how the API server names a resource in messages. */
export function qualifiedName(type: ResourceType): string {
  return type.group === '' ? type.plural : `${type.plural}.${type.group}`;
}

export function typeKey(type: ResourceType): string {
  return `${type.group}/${type.version}/${type.plural}`;
}

export function findByPlural(group: string, version: string, plural: string): ResourceInfo | undefined {
  return [...RESOURCE_TYPES, ...METRICS_TYPES].find(
    (t) => t.group === group && t.version === version && t.plural === plural,
  );
}

export function findByKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCE_TYPES.find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
}
