import type { Pod } from './kube-types.js';

/**
 * What the simulated world remembers between reconciles that the API objects do not hold: when each
 * pod really came to life (scenarios start "aged", so a crash-looping pod already has restarts), the
 * birth time to give the next pods of a ReplicaSet, and when each rollout last made progress.
 */
export class WorldMemory {
  private readonly born = new Map<string, number>();
  private readonly rsBirth = new Map<string, number>();
  readonly progress = new Map<string, { signature: string; at: number }>();
  /** ms of the first reconcile: the instant scenario objects are considered to have been loaded. */
  firstReconcileAt: number | undefined;

  constructor(readonly seed: number) {}

  setBorn(pod: Pod, ms: number): void {
    if (pod.metadata.uid) this.born.set(pod.metadata.uid, ms);
  }

  bornOf(pod: Pod, fallback: number): number {
    const known = pod.metadata.uid ? this.born.get(pod.metadata.uid) : undefined;
    if (known !== undefined) return known;
    const created = pod.metadata.creationTimestamp ? Date.parse(pod.metadata.creationTimestamp) : NaN;
    return Number.isFinite(created) ? created : fallback;
  }

  /** The next pods created for this ReplicaSet/StatefulSet are back-dated to `ms`. */
  ageNextPods(ownerUid: string, ms: number): void {
    this.rsBirth.set(ownerUid, ms);
  }

  takeNextPodBirth(ownerUid: string | undefined, now: number): number {
    return (ownerUid ? this.rsBirth.get(ownerUid) : undefined) ?? now;
  }

  clearNextPodBirth(ownerUid: string | undefined): void {
    if (ownerUid) this.rsBirth.delete(ownerUid);
  }
}
