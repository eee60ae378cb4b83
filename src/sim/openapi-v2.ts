/**
 * A minimal `/openapi/v2` document, protobuf-encoded (gnostic `openapi.v2.Document`), because kubectl
 * downloads it before `apply`/`create -f` (client-side validation setup) and fails with "failed to
 * download openapi" on a 404. With no definitions in it, kubectl finds no schema for any kind, so it
 * skips client-side validation and builds strategic merge patches from its compiled-in types.
 */

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

/** A length-delimited protobuf field (wire type 2). */
function field(num: number, payload: Uint8Array | string): number[] {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return [...varint((num << 3) | 2), ...varint(bytes.length), ...bytes];
}

export function openApiV2Protobuf(version: string): Buffer {
  const info = Uint8Array.from([...field(1, 'Kubernetes'), ...field(2, version)]);
  const paths = new Uint8Array(0);
  return Buffer.from([...field(1, '2.0'), ...field(2, info), ...field(8, paths)]);
}

export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
