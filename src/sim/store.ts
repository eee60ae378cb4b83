import { randomUUID } from 'node:crypto';
import type { ResourceType, SimStore } from './runtime.js';
import type { KubeObject } from './scenario.js';
import type { StoreEvent, StoreListener } from './store-event.js';
import { alreadyExists, badRequest, notFound } from './api-error.js';
import { applyDefaults } from './apply-defaults.js';
import { apiVersionOf, findByKind, typeKey } from './resource-types.js';

/** How many past changes are kept so a watch resuming from an older resourceVersion can replay them. */
const HISTORY_LIMIT = 20_000;

function objKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The sim's etcd: objects kept as parsed JSON per resource type, a global resourceVersion counter, and
 * change notification for watches. Reads and writes copy (structuredClone) so neither callers nor the
 * runtime can alias stored state; the API server uses `peek*` for read-only serialisation.
 */
export class MemoryStore implements SimStore {
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly listeners = new Set<StoreListener>();
  private readonly history: StoreEvent[] = [];
  /** Per type, objects sorted by key; dropped on any write to that type. */
  private readonly sortedCache = new Map<string, KubeObject[]>();
  private rv = 0;
  private nextIP = 10;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Current resourceVersion of the whole store (lists report it). */
  get resourceVersion(): string {
    return String(this.rv);
  }

  typeOf(apiVersion: string, kind: string): ResourceType {
    const t = findByKind(apiVersion, kind);
    if (!t) throw badRequest(`no matches for kind "${kind}" in version "${apiVersion}"`);
    return t;
  }

  private bucket(type: ResourceType): Map<string, KubeObject> {
    const key = typeKey(type);
    let b = this.objects.get(key);
    if (!b) {
      b = new Map();
      this.objects.set(key, b);
    }
    return b;
  }

  /** Stored objects without copying, sorted by namespace/name like etcd keys. Never mutate them. */
  peekList(type: ResourceType, namespace?: string): readonly KubeObject[] {
    const key = typeKey(type);
    let sorted = this.sortedCache.get(key);
    if (!sorted) {
      const b = this.objects.get(key);
      if (!b) return [];
      sorted = [...b.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map((e) => e[1]);
      this.sortedCache.set(key, sorted);
    }
    return namespace === undefined ? sorted : sorted.filter((o) => o.metadata.namespace === namespace);
  }

  peek(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(typeKey(type))?.get(objKey(type.namespaced ? namespace : undefined, name));
  }

  list(type: ResourceType, namespace?: string): KubeObject[] {
    return this.peekList(type, namespace).map((o) => structuredClone(o));
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const o = this.peek(type, namespace, name);
    return o ? structuredClone(o) : undefined;
  }

  create(input: KubeObject): KubeObject {
    const type = this.typeOf(input.apiVersion, input.kind);
    const obj = structuredClone(input);
    const md = obj.metadata;
    if (!md.name && typeof md.generateName === 'string') {
      md.name = md.generateName + Math.random().toString(36).slice(2, 7);
    }
    if (!md.name) throw badRequest('name or generateName is required');
    if (type.namespaced) md.namespace ??= 'default';
    else delete md.namespace;
    const b = this.bucket(type);
    const key = objKey(md.namespace, md.name);
    if (b.has(key)) throw alreadyExists(type, md.name);
    md.uid = randomUUID();
    md.creationTimestamp ??= isoSeconds(this.now());
    if (obj.spec !== undefined) md.generation = 1;
    obj.apiVersion = apiVersionOf(type);
    applyDefaults(obj, () => this.allocateClusterIP());
    md.resourceVersion = String(++this.rv);
    b.set(key, obj);
    this.emit({ type: 'ADDED', typeKey: typeKey(type), rv: this.rv, object: obj });
    return structuredClone(obj);
  }

  update(input: KubeObject): KubeObject {
    const type = this.typeOf(input.apiVersion, input.kind);
    const b = this.bucket(type);
    const key = objKey(
      type.namespaced ? (input.metadata.namespace ?? 'default') : undefined,
      input.metadata.name,
    );
    const old = b.get(key);
    if (!old) throw notFound(type, input.metadata.name);
    const obj = structuredClone(input);
    // Identity and creation fields are the server's, whatever the caller sent.
    obj.metadata.uid = old.metadata.uid;
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
    obj.metadata.namespace = old.metadata.namespace;
    if (!type.namespaced) delete obj.metadata.namespace;
    const oldIP = (old.spec as { clusterIP?: unknown } | undefined)?.clusterIP;
    applyDefaults(obj, () => (typeof oldIP === 'string' ? oldIP : this.allocateClusterIP()));
    const oldGen = typeof old.metadata.generation === 'number' ? old.metadata.generation : 1;
    const specChanged = JSON.stringify(old.spec) !== JSON.stringify(obj.spec);
    if (obj.spec !== undefined) obj.metadata.generation = specChanged ? oldGen + 1 : oldGen;
    obj.metadata.resourceVersion = String(++this.rv);
    b.set(key, obj);
    this.emit({ type: 'MODIFIED', typeKey: typeKey(type), rv: this.rv, object: obj, old });
    return structuredClone(obj);
  }

  delete(type: ResourceType, namespace: string | undefined, name: string): void {
    const b = this.bucket(type);
    const key = objKey(type.namespaced ? namespace : undefined, name);
    const old = b.get(key);
    if (!old) throw notFound(type, name);
    b.delete(key);
    // The DELETED event carries the last state with a fresh resourceVersion, like the real watch cache.
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(++this.rv) } };
    this.emit({ type: 'DELETED', typeKey: typeKey(type), rv: this.rv, object: gone, old });
  }

  /** Objects (any type) whose ownerReferences name this uid: what the garbage collector would delete. */
  dependentsOf(uid: string): { type: ResourceType; obj: KubeObject }[] {
    const out: { type: ResourceType; obj: KubeObject }[] = [];
    for (const b of this.objects.values()) {
      for (const obj of b.values()) {
        const refs = obj.metadata.ownerReferences;
        if (Array.isArray(refs) && refs.some((r) => (r as { uid?: string }).uid === uid)) {
          out.push({ type: this.typeOf(obj.apiVersion, obj.kind), obj });
        }
      }
    }
    return out;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes after resourceVersion `rv`, oldest first (for watches that resume). */
  eventsSince(rv: number): StoreEvent[] {
    const idx = this.history.findIndex((e) => e.rv > rv);
    return idx < 0 ? [] : this.history.slice(idx);
  }

  private allocateClusterIP(): string {
    const n = this.nextIP++;
    return `10.96.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  }

  private emit(event: StoreEvent): void {
    this.sortedCache.delete(event.typeKey);
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A broken watcher must never break a write.
      }
    }
  }
}
