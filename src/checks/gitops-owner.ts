import type { V1ObjectMeta } from '@kubernetes/client-node';

export interface GitopsOwner {
  tool: 'argocd' | 'flux';
  detail: string;
}

/** Argo CD / Flux markers on a workload: rolling back by hand would be reverted by the controller. */
export function gitopsOwner(meta: V1ObjectMeta | undefined): GitopsOwner | undefined {
  const labels = meta?.labels ?? {};
  const annotations = meta?.annotations ?? {};
  const tracking = annotations['argocd.argoproj.io/tracking-id'];
  if (tracking) return { tool: 'argocd', detail: `Argo CD application ${tracking.split(':')[0]}` };
  const argoAnnotated = Object.keys(annotations).some((k) => k.startsWith('argocd.argoproj.io/'));
  if (argoAnnotated && labels['app.kubernetes.io/instance']) {
    return { tool: 'argocd', detail: `Argo CD application ${labels['app.kubernetes.io/instance']}` };
  }
  const ks = labels['kustomize.toolkit.fluxcd.io/name'];
  if (ks)
    return {
      tool: 'flux',
      detail: `Flux Kustomization ${labels['kustomize.toolkit.fluxcd.io/namespace'] ?? ''}${labels['kustomize.toolkit.fluxcd.io/namespace'] ? '/' : ''}${ks}`,
    };
  const hr = labels['helm.toolkit.fluxcd.io/name'];
  if (hr)
    return {
      tool: 'flux',
      detail: `Flux HelmRelease ${labels['helm.toolkit.fluxcd.io/namespace'] ?? ''}${labels['helm.toolkit.fluxcd.io/namespace'] ? '/' : ''}${hr}`,
    };
  return undefined;
}

/** The Helm release that manages a workload, when Helm-managed. */
export function helmRelease(meta: V1ObjectMeta | undefined): string | undefined {
  const release = meta?.annotations?.['meta.helm.sh/release-name'];
  if (release) return release;
  return meta?.labels?.['app.kubernetes.io/managed-by'] === 'Helm'
    ? meta.labels['app.kubernetes.io/instance']
    : undefined;
}
