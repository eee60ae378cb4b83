import type { PodBehavior } from '../scenario.js';
import { BEHAVIOR_ANNOTATION } from '../scenario.js';
import type { Container, Pod, PodTemplate, Probe } from '../controllers/kube-types.js';

const BEHAVIORS: readonly PodBehavior[] = [
  'ready',
  'crash-loop',
  'oom',
  'image-pull',
  'unschedulable',
  'readiness-failing',
  'slow-startup',
  'not-listening',
  'slow',
  'closes-keepalive',
  'saturated',
];

/** Sim-only knobs on the pod template (copied to pods, as real template annotations are). */
export const RESPONSE_MS_ANNOTATION = 'sim.gw502.dev/response-ms';
export const KEEPALIVE_MS_ANNOTATION = 'sim.gw502.dev/keepalive-ms';
export const STARTUP_SECONDS_ANNOTATION = 'sim.gw502.dev/startup-seconds';

export interface BehaviorProfile {
  behavior: PodBehavior;
  /** `slow`: how long each answer takes. */
  responseMs: number;
  /** `closes-keepalive`: the app's idle keep-alive timeout. */
  keepaliveMs: number;
  /** `slow-startup`: seconds until the app listens. */
  startupSeconds: number;
}

function num(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n >= 0 ? n : fallback;
}

export function profileOf(meta: { annotations?: Record<string, string> } | undefined): BehaviorProfile {
  const a = meta?.annotations ?? {};
  const raw = a[BEHAVIOR_ANNOTATION];
  const behavior = BEHAVIORS.includes(raw as PodBehavior) ? (raw as PodBehavior) : 'ready';
  return {
    behavior,
    responseMs: num(a[RESPONSE_MS_ANNOTATION], 30_000),
    keepaliveMs: num(a[KEEPALIVE_MS_ANNOTATION], 5_000),
    startupSeconds: num(a[STARTUP_SECONDS_ANNOTATION], 90),
  };
}

export function podProfile(pod: Pod): BehaviorProfile {
  return profileOf(pod.metadata);
}

export function templateProfile(template: PodTemplate): BehaviorProfile {
  return profileOf(template.metadata);
}

/** A probe's port as a number, resolving a named port against the container's ports. */
export function probePort(probe: Probe | undefined, container: Container): number | undefined {
  const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
  if (port === undefined) return undefined;
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/**
 * The TCP ports the app really accepts connections on. A `not-listening` app binds only its probe
 * (admin) port — the classic "listens on 127.0.0.1" or wrong-port bug that probes on another port hide.
 */
export function listeningPorts(container: Container, profile: BehaviorProfile): number[] {
  const probePorts = [
    probePort(container.readinessProbe, container),
    probePort(container.livenessProbe, container),
  ].filter((p): p is number => p !== undefined);
  if (profile.behavior === 'not-listening') {
    const servicePort = container.ports?.[0]?.containerPort;
    return [...new Set(probePorts.filter((p) => p !== servicePort))];
  }
  return [...new Set([...(container.ports ?? []).map((p) => p.containerPort), ...probePorts])];
}

/** Does the behaviour ever make the pod Ready (used to settle the initial "aged" rollout state)? */
export function eventuallyReady(profile: BehaviorProfile, container: Container | undefined): boolean {
  switch (profile.behavior) {
    case 'ready':
    case 'not-listening':
    case 'slow':
    case 'closes-keepalive':
    case 'saturated':
      return true;
    case 'slow-startup':
      return (
        livenessKillSeconds(container) === undefined ||
        (livenessKillSeconds(container) ?? 0) > profile.startupSeconds
      );
    default:
      return false;
  }
}

/** Seconds after start when a liveness probe that never succeeds restarts the container. */
export function livenessKillSeconds(container: Container | undefined): number | undefined {
  const p = container?.livenessProbe;
  if (!p) return undefined;
  return (p.initialDelaySeconds ?? 0) + (p.periodSeconds ?? 10) * (p.failureThreshold ?? 3);
}
