import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import type { ClusterSnapshot } from '../../../src/k8s/snapshot.js';
import {
  NOW,
  container,
  deployment,
  endpointSlice,
  ingress,
  ok,
  pod,
  replicaSet,
  service,
} from './builders.js';

export const POD_IPS = ['10.244.1.15', '10.244.2.16'];
export const PROXY_IPS = ['10.244.0.7', '10.244.3.8'];

function proxyPod(name: string, ip: string): V1Pod {
  const p = pod(name, {
    ip,
    rs: 'ingress-nginx-controller-5c8d66c76d',
    labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
    containers: [
      container('controller', {
        image: 'registry.k8s.io/ingress-nginx/controller:v1.11.3',
        ports: [{ name: 'http', containerPort: 80 }],
      }),
    ],
  });
  p.metadata!.namespace = 'ingress-nginx';
  return p;
}

function proxyDeployment(): V1Deployment {
  const d = deployment('ingress-nginx-controller', { replicas: 2 });
  d.metadata!.namespace = 'ingress-nginx';
  return d;
}

/**
 * A healthy `checkout` app in namespace `shop` behind ingress-nginx: Deployment revision 1, two Ready pods,
 * Service `checkout` → targetPort `http` (8080), EndpointSlice with both pods ready, Ingress on
 * shop.example.com, controller healthy, no errors in its log, metrics well under limits, /healthz 200.
 * Tests break one thing at a time.
 */
export function healthySnapshot(): ClusterSnapshot {
  const rs = 'checkout-7d9f';
  const pods = [pod(`${rs}-abcde`, { ip: POD_IPS[0], rs }), pod(`${rs}-fghij`, { ip: POD_IPS[1], rs })];
  const dep = deployment('checkout', {
    containers: [
      container('checkout', {
        readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
        resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
      }),
    ],
  });
  for (const p of pods) p.spec!.containers = dep.spec!.template.spec!.containers;
  return {
    app: 'checkout',
    namespace: 'shop',
    workload: ok({ kind: 'Deployment', object: dep }),
    replicaSets: ok([replicaSet(rs, 1)]),
    controllerRevisions: ok([]),
    pods: ok(pods),
    services: ok([service('checkout', { app: 'checkout' }), service('payments', { app: 'payments' })]),
    endpointSlices: ok([
      endpointSlice(
        'checkout',
        pods.map((p, i) => ({ ip: POD_IPS[i]!, ready: true, pod: p.metadata!.name! })),
      ),
    ]),
    ingresses: ok([ingress('checkout', [{ service: 'checkout', port: 80 }])]),
    networkPolicies: ok([]),
    events: ok([]),
    podMetrics: ok(
      pods.map((p) => ({
        pod: p.metadata!.name!,
        containers: [{ name: 'checkout', cpuMillicores: 40, memoryBytes: 120 * 2 ** 20 }],
      })),
    ),
    namespaceLabels: ok({ 'kubernetes.io/metadata.name': 'shop' }),
    namespaceExists: true,
    containerLogs: [],
    helmHistory: ok([]),
    proxy: {
      namespace: 'ingress-nginx',
      deploymentName: 'ingress-nginx-controller',
      deployment: ok(proxyDeployment()),
      pods: ok([
        proxyPod('ingress-nginx-controller-5c8d66c76d-x1', PROXY_IPS[0]!),
        proxyPod('ingress-nginx-controller-5c8d66c76d-x2', PROXY_IPS[1]!),
      ]),
      namespaceLabels: ok({
        'kubernetes.io/metadata.name': 'ingress-nginx',
        'app.kubernetes.io/name': 'ingress-nginx',
      }),
      logs: ok([]),
      configMap: ok(undefined),
    },
    healthProbe: ok({
      via: 'service-proxy',
      url: '/api/v1/namespaces/shop/services/checkout:http/proxy/healthz',
      status: 200,
      message: 'ok',
      durationMs: 12,
    }),
    takenAt: NOW,
  };
}

/** ingress-nginx error-log line at `time` (default 15:04:00Z) towards `ip:8080`. */
export function nginxError(message: string, ip = POD_IPS[0]!, time = '2026/12/02 15:04:00'): string {
  return `${time} [error] 31#31: *4412 ${message}, client: 10.244.0.1, server: shop.example.com, request: "GET /cart HTTP/1.1", upstream: "http://${ip}:8080/cart", host: "shop.example.com"`;
}

/** ingress-nginx access-log line for upstream shop-checkout-80. */
export function nginxAccess(
  status: number,
  opts: { ip?: string; seconds?: number; time?: string; upstream?: string } = {},
): string {
  const addr = opts.ip === undefined ? `${POD_IPS[0]}:8080` : opts.ip;
  const s = (opts.seconds ?? 0.004).toFixed(3);
  return `10.244.0.1 - - [${opts.time ?? '02/Dec/2026:15:04:00 +0000'}] "GET /cart HTTP/1.1" ${status} 150 "-" "Mozilla/5.0" 78 ${s} [${opts.upstream ?? 'shop-checkout-80'}] [] ${addr || '-'} 0 ${addr ? s : '-'} ${addr ? status : '-'} 5f2c9a1b`;
}
