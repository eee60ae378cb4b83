import { randomUUID } from 'node:crypto';
import type { ResourceType, SimStore } from '../../../src/sim/runtime.js';
import type { KubeObject } from '../../../src/sim/scenario.js';
import { T } from '../../../src/sim/controllers/resource-types.js';

const TYPES: ResourceType[] = [
  ...Object.values(T),
  { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap', namespaced: true },
  { group: '', version: 'v1', plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'ingressclasses',
    kind: 'IngressClass',
    namespaced: false,
  },
];

function key(type: ResourceType, ns: string | undefined, name: string) {
  return `${type.group}/${type.plural}/${type.namespaced ? (ns ?? 'default') : ''}/${name}`;
}

function specOf(o: KubeObject) {
  return JSON.stringify((o as { spec?: unknown }).spec ?? null);
}

/**
 * A tiny in-memory SimStore for unit tests: assigns uid, resourceVersion, generation and
 * creationTimestamp (keeping one a controller back-dated), bumps generation when spec changes.
 */
export class MemoryStore implements SimStore {
  private readonly objects = new Map<string, KubeObject>();
  /** Keys per resource type, so list() does not scan every object. */
  private readonly byType = new Map<string, Set<string>>();

  private index(type: ResourceType): Set<string> {
    const k = `${type.group}/${type.plural}`;
    let set = this.byType.get(k);
    if (!set) this.byType.set(k, (set = new Set()));
    return set;
  }
  private rv = 1;
  writes = 0;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  typeOf(apiVersion: string, kind: string): ResourceType {
    const t = TYPES.find(
      (x) => (x.group ? `${x.group}/${x.version}` : x.version) === apiVersion && x.kind === kind,
    );
    if (!t) throw new Error(`memory-store: unknown type ${apiVersion} ${kind}`);
    return t;
  }

  list(type: ResourceType, namespace?: string): KubeObject[] {
    return [...this.index(type)]
      .map((k) => this.objects.get(k)!)
      .filter((o) => !namespace || !type.namespaced || o.metadata.namespace === namespace)
      .map((o) => structuredClone(o));
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const o = this.objects.get(key(type, namespace, name));
    return o ? structuredClone(o) : undefined;
  }

  create(obj: KubeObject): KubeObject {
    const type = this.typeOf(obj.apiVersion, obj.kind);
    const k = key(type, obj.metadata.namespace, obj.metadata.name);
    if (this.objects.has(k))
      throw Object.assign(new Error(`${type.plural} "${obj.metadata.name}" already exists`), {
        statusCode: 409,
      });
    const stored = structuredClone(obj);
    stored.metadata.uid = randomUUID();
    stored.metadata.resourceVersion = String(this.rv++);
    stored.metadata.generation = 1;
    stored.metadata.creationTimestamp ??= this.clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    if (type.namespaced) stored.metadata.namespace ??= 'default';
    this.objects.set(k, stored);
    this.index(type).add(k);
    this.writes++;
    return structuredClone(stored);
  }

  update(obj: KubeObject): KubeObject {
    const type = this.typeOf(obj.apiVersion, obj.kind);
    const k = key(type, obj.metadata.namespace, obj.metadata.name);
    const cur = this.objects.get(k);
    if (!cur)
      throw Object.assign(new Error(`${type.plural} "${obj.metadata.name}" not found`), { statusCode: 404 });
    const stored = structuredClone(obj);
    stored.metadata.uid = cur.metadata.uid;
    stored.metadata.creationTimestamp = cur.metadata.creationTimestamp;
    stored.metadata.resourceVersion = String(this.rv++);
    const gen = Number(cur.metadata.generation ?? 1);
    stored.metadata.generation = specOf(cur) === specOf(stored) ? gen : gen + 1;
    this.objects.set(k, stored);
    this.writes++;
    return structuredClone(stored);
  }

  delete(type: ResourceType, namespace: string | undefined, name: string): void {
    this.objects.delete(key(type, namespace, name));
    this.index(type).delete(key(type, namespace, name));
    this.writes++;
  }
}
