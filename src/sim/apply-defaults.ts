import type { KubeObject } from './scenario.js';

/**
 * The few defaults and allocations the real API server applies on create that gw502's checks and the
 * sim's controllers rely on (Service clusterIP and targetPort, Deployment strategy, the namespace name
 * label NetworkPolicy namespaceSelectors match). Mutates `obj`, which is already a private copy.
 */
/** Pod spec defaults (also inside workload templates, so rollout history compares like-for-like). */
function defaultPodSpec(spec: Record<string, unknown>): void {
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.terminationGracePeriodSeconds ??= 30;
  for (const list of [spec.containers, spec.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list as Record<string, unknown>[]) {
      if (Array.isArray(c.ports)) for (const p of c.ports as Record<string, unknown>[]) p.protocol ??= 'TCP';
      c.terminationMessagePath ??= '/dev/termination-log';
      c.terminationMessagePolicy ??= 'File';
      c.imagePullPolicy ??=
        typeof c.image === 'string' && /:latest$|^[^:]*$/.test(c.image) ? 'Always' : 'IfNotPresent';
    }
  }
}

function defaultTemplate(spec: Record<string, unknown>): void {
  const template = spec.template as { spec?: Record<string, unknown> } | undefined;
  if (template?.spec) defaultPodSpec(template.spec);
}

export function applyDefaults(obj: KubeObject, allocateClusterIP: () => string): void {
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  switch (`${obj.apiVersion}/${obj.kind}`) {
    case 'v1/Namespace': {
      const labels = (obj.metadata.labels ?? {}) as Record<string, string>;
      labels['kubernetes.io/metadata.name'] = obj.metadata.name;
      obj.metadata.labels = labels;
      obj.spec = { finalizers: ['kubernetes'], ...spec };
      obj.status = { phase: 'Active', ...(obj.status ?? {}) };
      break;
    }
    case 'v1/Service': {
      spec.type ??= 'ClusterIP';
      if (spec.clusterIP === undefined && spec.type !== 'ExternalName') spec.clusterIP = allocateClusterIP();
      if (typeof spec.clusterIP === 'string' && spec.clusterIPs === undefined && spec.clusterIP !== 'None') {
        spec.clusterIPs = [spec.clusterIP];
      }
      spec.sessionAffinity ??= 'None';
      if (Array.isArray(spec.ports)) {
        for (const p of spec.ports as Record<string, unknown>[]) {
          p.protocol ??= 'TCP';
          p.targetPort ??= p.port;
        }
      }
      obj.spec = spec;
      break;
    }
    case 'apps/v1/Deployment': {
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
      defaultTemplate(spec);
      obj.spec = spec;
      break;
    }
    case 'apps/v1/StatefulSet':
    case 'apps/v1/ReplicaSet': {
      spec.replicas ??= 1;
      defaultTemplate(spec);
      obj.spec = spec;
      break;
    }
    case 'apps/v1/DaemonSet': {
      defaultTemplate(spec);
      obj.spec = spec;
      break;
    }
    case 'v1/Pod': {
      defaultPodSpec(spec);
      obj.spec = spec;
      obj.status ??= { phase: 'Pending' };
      break;
    }
    default:
      break;
  }
}
