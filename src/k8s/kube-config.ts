import { KubeConfig } from '@kubernetes/client-node';

/**
 * Standard kubeconfig resolution (KUBECONFIG, ~/.kube/config, in-cluster service account), optionally
 * switched to a named context. Throws with a one-line reason when no usable cluster is configured.
 */
export function loadKubeConfig(context?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromDefault();
  if (context) {
    if (!kc.getContexts().some((c) => c.name === context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new Error(`kubeconfig has no context "${context}" (known: ${known.join(', ') || 'none'})`);
    }
    kc.setCurrentContext(context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('no Kubernetes cluster configured (set KUBECONFIG or run in a pod)');
  return kc;
}
