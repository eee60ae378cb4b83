import type { SimStore } from '../runtime.js';
import type { KubeObject } from '../scenario.js';
import { fnv32a } from '../behaviors/seeded-random.js';
import type { Obj } from './kube-types.js';
import { asObj, iso, toKube } from './kube-types.js';
import { T } from './resource-types.js';

export interface RecordedEvent {
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  component: string;
  host?: string;
  fieldPath?: string;
  count: number;
  first: number;
  last: number;
}

/** Name like the real recorder: `<object>.<16 hex>`; ours is stable per (object, reason, message). */
function eventName(obj: Obj, e: RecordedEvent): string {
  const key = `${obj.metadata.uid ?? ''}/${e.reason}/${e.message}/${e.fieldPath ?? ''}`;
  const a = fnv32a(key).toString(16).padStart(8, '0');
  const b = fnv32a(`${key}#`).toString(16).padStart(8, '0');
  return `${obj.metadata.name}.${a}${b}`;
}

/** Create or bump an aggregated core/v1 Event; writes only when the count or times changed. */
export function recordEvent(store: SimStore, obj: Obj, e: RecordedEvent): void {
  const ns = obj.metadata.namespace ?? 'default';
  const name = eventName(obj, e);
  const existing = store.get(T.events, ns, name);
  const body = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: ns },
    involvedObject: {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name: obj.metadata.name,
      namespace: ns,
      uid: obj.metadata.uid,
      ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
    },
    reason: e.reason,
    message: e.message,
    type: e.type,
    count: e.count,
    firstTimestamp: iso(e.first),
    lastTimestamp: iso(e.last),
    source: { component: e.component, ...(e.host ? { host: e.host } : {}) },
    reportingComponent: e.component,
    reportingInstance: e.host ?? '',
    eventTime: null,
  };
  if (!existing) {
    store.create(toKube(body));
    return;
  }
  const cur = existing as KubeObject & { count?: number; lastTimestamp?: string; firstTimestamp?: string };
  if (
    cur.count === body.count &&
    cur.lastTimestamp === body.lastTimestamp &&
    cur.firstTimestamp === body.firstTimestamp
  ) {
    return;
  }
  const next = asObj<Obj>(existing);
  store.update(
    toKube({
      ...next,
      count: body.count,
      firstTimestamp: body.firstTimestamp,
      lastTimestamp: body.lastTimestamp,
    }),
  );
}
