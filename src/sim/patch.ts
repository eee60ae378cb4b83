/**
 * The four PATCH content types of the Kubernetes API, applied to plain JSON objects.
 * Errors throw `PatchError` with the HTTP status the API server uses (400 malformed, 422 unappliable).
 */

export class PatchError extends Error {
  override name = 'PatchError';
  constructor(
    readonly status: 400 | 422,
    message: string,
  ) {
    super(message);
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** RFC 7386 JSON merge patch: objects merge recursively, null deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v) as Json;
  }
  return out;
}

/**
 * Patch merge keys of the built-in types (from the Go struct tags `patchMergeKey`). Lists under other
 * keys are replaced, like atomic lists in the real server.
 */
const MERGE_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  volumes: ['name'],
  env: ['name'],
  imagePullSecrets: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  // Container ports merge by containerPort; Service ports by port.
  ports: ['containerPort', 'port'],
  conditions: ['type'],
  ownerReferences: ['uid'],
  hostAliases: ['ip'],
  topologySpreadConstraints: ['topologyKey'],
};
/** Primitive lists with merge semantics (set union). */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

function mergeKeyFor(field: string, items: Json[]): string | undefined {
  const candidates = MERGE_KEYS[field];
  if (!candidates) return undefined;
  return candidates.find((k) => items.some((i) => isObject(i) && i[k] !== undefined)) ?? candidates[0];
}

function strategicList(field: string, original: unknown, patch: Json[]): Json[] {
  if (MERGED_PRIMITIVE_LISTS.has(field) && Array.isArray(original)) {
    const out = [...(original as Json[])];
    for (const v of patch) if (!out.includes(v)) out.push(v);
    return out;
  }
  if (patch.some((i) => isObject(i) && i.$patch === 'replace')) {
    return patch.filter((i) => !(isObject(i) && i.$patch === 'replace')).map(stripDirectives);
  }
  const key = mergeKeyFor(field, patch);
  if (key === undefined || !Array.isArray(original)) {
    return patch.filter((i) => !(isObject(i) && i.$patch === 'delete')).map(stripDirectives);
  }
  const out: Json[] = [...(original as Json[])];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const idx = out.findIndex((o) => isObject(o) && o[key] === item[key]);
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) {
      out[idx] = strategicMergePatch(out[idx], item) as Json;
    } else {
      out.push(stripDirectives(item));
    }
  }
  return out;
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, val] of Object.entries(v)) {
    if (k.startsWith('$')) continue;
    if (val === null) continue;
    out[k] = stripDirectives(val);
  }
  return out;
}

/**
 * A reasonable strategic merge patch: merge-patch semantics, plus lists merged by their patch merge key,
 * `$patch: replace|delete` on maps and list items, `$deleteFromPrimitiveList/<field>`, and the other
 * `$`-directives kubectl sends (`$setElementOrder/…`, `$retainKeys`) accepted and ignored.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') return stripDirectives(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const current = out[field];
      if (Array.isArray(current) && Array.isArray(v)) out[field] = current.filter((x) => !v.includes(x));
      continue;
    }
    if (k.startsWith('$')) continue;
    if (v === null || (isObject(v) && v.$patch === 'delete')) delete out[k];
    else if (Array.isArray(v)) out[k] = strategicList(k, out[k], v);
    else out[k] = strategicMergePatch(out[k], v) as Json;
  }
  return out;
}

interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(422, `invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}

/** Resolves the parent container of a pointer; the last segment is returned as `key`. */
function locate(doc: Json, pointer: string): { parent: Json[] | JsonObject; key: string } {
  const parts = parsePointer(pointer);
  const key = parts.pop();
  if (key === undefined) throw new PatchError(422, 'cannot operate on the document root');
  let cur: Json = doc;
  for (const p of parts) {
    const next: Json | undefined = Array.isArray(cur) ? cur[Number(p)] : isObject(cur) ? cur[p] : undefined;
    if (next === undefined) throw new PatchError(422, `doc is missing path: "${pointer}": missing value`);
    cur = next;
  }
  if (!Array.isArray(cur) && !isObject(cur)) {
    throw new PatchError(422, `doc is missing path: "${pointer}": missing value`);
  }
  return { parent: cur, key };
}

function getAt(doc: Json, pointer: string): Json | undefined {
  if (pointer === '') return doc;
  const { parent, key } = locate(doc, pointer);
  return Array.isArray(parent) ? parent[Number(key)] : parent[key];
}

function arrayIndex(arr: Json[], key: string, forInsert: boolean, pointer: string): number {
  if (forInsert && key === '-') return arr.length;
  const i = Number(key);
  const max = forInsert ? arr.length : arr.length - 1;
  if (!/^\d+$/.test(key) || i > max) throw new PatchError(422, `invalid index "${key}" in "${pointer}"`);
  return i;
}

function add(doc: Json, pointer: string, value: Json): Json {
  if (pointer === '') return value;
  const { parent, key } = locate(doc, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true, pointer), 0, value);
  else parent[key] = value;
  return doc;
}

function remove(doc: Json, pointer: string): Json {
  const { parent, key } = locate(doc, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false, pointer), 1);
  else if (!Object.hasOwn(parent, key)) {
    throw new PatchError(422, `unable to remove nonexistent key: ${key}: missing value`);
  } else delete parent[key];
  return doc;
}

/** RFC 6902 JSON patch. A failed `test` is 422, which remediation uses as an optimistic guard. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError(400, 'json patch must be an array of operations');
  let doc = structuredClone(target) as Json;
  for (const raw of ops as unknown[]) {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw new PatchError(400, 'json patch operation must have "op" and "path"');
    }
    const op = raw as unknown as JsonPatchOp;
    switch (op.op) {
      case 'add':
        doc = add(doc, op.path, structuredClone(op.value ?? null));
        break;
      case 'remove':
        doc = remove(doc, op.path);
        break;
      case 'replace':
        if (getAt(doc, op.path) === undefined) {
          throw new PatchError(
            422,
            `replace operation does not apply: doc is missing key: ${op.path}: missing value`,
          );
        }
        doc =
          op.path === ''
            ? structuredClone(op.value ?? null)
            : add(remove(doc, op.path), op.path, structuredClone(op.value ?? null));
        break;
      case 'move':
      case 'copy': {
        const value = getAt(doc, op.from ?? '');
        if (value === undefined)
          throw new PatchError(
            422,
            `${op.op} operation does not apply: doc is missing from path: ${op.from ?? ''}`,
          );
        if (op.op === 'move') doc = remove(doc, op.from ?? '');
        doc = add(doc, op.path, structuredClone(value));
        break;
      }
      case 'test': {
        const actual = getAt(doc, op.path);
        if (!deepEqual(actual, op.value))
          throw new PatchError(422, `testing value ${op.path} failed: test failed`);
        break;
      }
      default:
        throw new PatchError(400, `Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}
