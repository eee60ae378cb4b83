/** Loosely-typed JSON from the store (wire objects); tests poke at it freely. */
export type Json = ReturnType<typeof JSON.parse>;

import type { KubeObject } from '../../../src/sim/scenario.js';
import { WorldRuntime } from '../../../src/sim/world-runtime.js';
import type { WorldRuntimeOptions } from '../../../src/sim/world-runtime.js';
import type { T } from '../../../src/sim/controllers/resource-types.js';
import { MemoryStore } from './memory-store.js';

export const T0 = Date.parse('2026-12-02T15:00:00Z');

/** A memory store + world runtime on a hand-driven clock. */
export function makeWorld(objects: KubeObject[], opts: WorldRuntimeOptions = {}) {
  let nowMs = T0;
  const store = new MemoryStore(() => new Date(nowMs));
  const runtime = new WorldRuntime({ seed: 7, ...opts });
  for (const o of objects) store.create(o);
  const w = {
    store,
    runtime,
    now: () => new Date(nowMs),
    reconcile() {
      runtime.reconcile(store, new Date(nowMs));
    },
    /** Advance the clock in 1 s reconcile ticks, like the server's timer. */
    advance(seconds: number) {
      for (let i = 0; i < seconds; i++) {
        nowMs += 1000;
        runtime.reconcile(store, new Date(nowMs));
      }
    },
    get: (type: (typeof T)[keyof typeof T], ns: string, name: string) => store.get(type, ns, name) as Json,
    list: (type: (typeof T)[keyof typeof T], ns?: string) => store.list(type, ns) as Json[],
  };
  w.reconcile();
  return w;
}
