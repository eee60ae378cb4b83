import { ApiError } from './api-error.js';

/**
 * Decoding of the Kubernetes protobuf wire format for the few request bodies real clients send that way
 * to the sim: helm's release Secrets (client-go typed clients default to protobuf), ConfigMaps and
 * `kubectl auth can-i`'s SelfSubjectAccessReview. Envelope: the magic `k8s\0`, then a runtime.Unknown
 * {typeMeta=1 {apiVersion=1, kind=2}, raw=2}. Field numbers are those of k8s.io/api's generated.proto.
 */

type Kind = 'string' | 'bytes' | 'int' | 'bool' | 'time' | Schema | { map: 'string' | 'bytes' };
interface Field {
  name: string;
  kind: Kind;
  repeated?: boolean;
}
type Schema = Record<number, Field>;

const OWNER_REFERENCE: Schema = {
  1: { name: 'kind', kind: 'string' },
  3: { name: 'name', kind: 'string' },
  4: { name: 'uid', kind: 'string' },
  5: { name: 'apiVersion', kind: 'string' },
  6: { name: 'controller', kind: 'bool' },
  7: { name: 'blockOwnerDeletion', kind: 'bool' },
};

const OBJECT_META: Schema = {
  1: { name: 'name', kind: 'string' },
  2: { name: 'generateName', kind: 'string' },
  3: { name: 'namespace', kind: 'string' },
  5: { name: 'uid', kind: 'string' },
  6: { name: 'resourceVersion', kind: 'string' },
  7: { name: 'generation', kind: 'int' },
  8: { name: 'creationTimestamp', kind: 'time' },
  11: { name: 'labels', kind: { map: 'string' } },
  12: { name: 'annotations', kind: { map: 'string' } },
  13: { name: 'ownerReferences', kind: OWNER_REFERENCE, repeated: true },
  14: { name: 'finalizers', kind: 'string', repeated: true },
};

const SCHEMAS: Record<string, Schema> = {
  'v1/Secret': {
    1: { name: 'metadata', kind: OBJECT_META },
    2: { name: 'data', kind: { map: 'bytes' } },
    3: { name: 'type', kind: 'string' },
    4: { name: 'stringData', kind: { map: 'string' } },
    5: { name: 'immutable', kind: 'bool' },
  },
  'v1/ConfigMap': {
    1: { name: 'metadata', kind: OBJECT_META },
    2: { name: 'data', kind: { map: 'string' } },
    3: { name: 'binaryData', kind: { map: 'bytes' } },
    4: { name: 'immutable', kind: 'bool' },
  },
  'authorization.k8s.io/v1/SelfSubjectAccessReview': {
    1: { name: 'metadata', kind: OBJECT_META },
    2: {
      name: 'spec',
      kind: {
        1: {
          name: 'resourceAttributes',
          kind: {
            1: { name: 'namespace', kind: 'string' },
            2: { name: 'verb', kind: 'string' },
            3: { name: 'group', kind: 'string' },
            4: { name: 'version', kind: 'string' },
            5: { name: 'resource', kind: 'string' },
            6: { name: 'subresource', kind: 'string' },
            7: { name: 'name', kind: 'string' },
          },
        },
      },
    },
  },
};

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): number {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = this.buf[this.pos++];
      if (b === undefined) throw new Error('truncated varint');
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
  }
  bytes(): Buffer {
    const len = this.varint();
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

function decodeMessage(buf: Buffer, schema: Schema): Record<string, unknown> {
  const r = new Reader(buf);
  const out: Record<string, unknown> = {};
  while (!r.done) {
    const tag = r.varint();
    const field = schema[Math.floor(tag / 8)];
    const wire = tag & 7;
    if (!field) {
      r.skip(wire);
      continue;
    }
    const value = decodeValue(r, field.kind, wire);
    if (value === undefined) continue;
    if (typeof field.kind === 'object' && 'map' in field.kind) {
      const [k, v] = value as [string, unknown];
      out[field.name] = { ...(out[field.name] as object | undefined), [k]: v };
    } else if (field.repeated) {
      out[field.name] = [...((out[field.name] as unknown[] | undefined) ?? []), value];
    } else {
      out[field.name] = value;
    }
  }
  return out;
}

function decodeValue(r: Reader, kind: Kind, wire: number): unknown {
  if (kind === 'int') return r.varint();
  if (kind === 'bool') return r.varint() !== 0;
  const bytes = wire === 2 ? r.bytes() : Buffer.alloc(0);
  if (kind === 'string') return bytes.toString('utf8');
  if (kind === 'bytes') return bytes.toString('base64');
  if (kind === 'time') {
    const t = decodeMessage(bytes, { 1: { name: 's', kind: 'int' } });
    if (!t.s) return undefined;
    return new Date(Number(t.s ?? 0) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  if ('map' in kind) {
    const e = decodeMessage(bytes, { 1: { name: 'k', kind: 'string' }, 2: { name: 'v', kind: kind.map } });
    return [typeof e.k === 'string' ? e.k : '', e.v ?? ''];
  }
  return decodeMessage(bytes, kind);
}

/** Decodes a protobuf request body into the JSON object it stands for. */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (!body.subarray(0, 4).equals(MAGIC)) {
    throw new ApiError(
      400,
      'BadRequest',
      'the body of the request was in an unknown format: missing protobuf magic',
    );
  }
  const unknown = decodeMessage(body.subarray(4), {
    1: {
      name: 'typeMeta',
      kind: { 1: { name: 'apiVersion', kind: 'string' }, 2: { name: 'kind', kind: 'string' } },
    },
    2: { name: 'raw', kind: 'bytes' },
  });
  const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const schema = SCHEMAS[`${typeMeta.apiVersion ?? ''}/${typeMeta.kind ?? ''}`];
  if (!schema) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the simulated API server cannot decode ${typeMeta.kind ?? 'this object'} from protobuf; send application/json`,
    );
  }
  const raw = Buffer.from(typeof unknown.raw === 'string' ? unknown.raw : '', 'base64');
  return { apiVersion: typeMeta.apiVersion, kind: typeMeta.kind, ...decodeMessage(raw, schema) };
}
