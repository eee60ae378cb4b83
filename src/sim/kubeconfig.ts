import { stringify } from 'yaml';
import { DEFAULT_USER, tokenForUser } from './authorize.js';

export interface SimKubeconfigOptions {
  /** The user the API server's 403 messages name. Default `system:serviceaccount:gw502:gw502`. */
  user?: string;
  /** Context (and cluster) name. Default `sim`. */
  context?: string;
  /** Default namespace of the context. */
  namespace?: string;
}

/**
 * A kubeconfig for the simulated cluster. The server is plain http; `insecure-skip-tls-verify: true` is
 * required because @kubernetes/client-node 1.x (config.js `createAgent`) throws "HTTP protocol is not
 * allowed when skipTLSVerify is not set or false" for an http:// server without it.
 */
export function simKubeconfig(url: string, opts: SimKubeconfigOptions = {}): string {
  const name = opts.context ?? 'sim';
  const user = opts.user ?? DEFAULT_USER;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: `${name}-user`, user: { token: tokenForUser(user) } }],
    contexts: [
      {
        name,
        context: {
          cluster: name,
          user: `${name}-user`,
          ...(opts.namespace ? { namespace: opts.namespace } : {}),
        },
      },
    ],
    'current-context': name,
    preferences: {},
  });
}
