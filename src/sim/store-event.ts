import type { KubeObject } from './scenario.js';

/** One change in the store, as watchers see it. `old` is the object before a MODIFIED/DELETED change. */
export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** `typeKey()` of the object's resource type. */
  typeKey: string;
  /** resourceVersion of this change, as a number (the store's global counter). */
  rv: number;
  object: KubeObject;
  old?: KubeObject;
}

export type StoreListener = (event: StoreEvent) => void;
