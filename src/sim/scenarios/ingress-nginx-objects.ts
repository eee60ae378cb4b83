import type { KubeObject, PodBehavior } from '../scenario.js';
import { BEHAVIOR_ANNOTATION } from '../scenario.js';

export interface IngressNginxOptions {
  /** Make the proxy itself misbehave (`crash-loop`, `readiness-failing`…): the proxy-unhealthy picture. */
  behavior?: PodBehavior;
  replicas?: number;
  /** Extra controller ConfigMap settings (e.g. `upstream-keepalive-timeout`). */
  config?: Record<string, string>;
}

const NS = 'ingress-nginx';
const LABELS = {
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/part-of': 'ingress-nginx',
  'app.kubernetes.io/component': 'controller',
  'app.kubernetes.io/version': '1.12.1',
};
const SELECTOR = {
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/component': 'controller',
};

/** The ingress-nginx install as its official manifest (controller-v1.12.1, "cloud") lays it out. */
export function withIngressNginx(opts: IngressNginxOptions = {}): KubeObject[] {
  const annotations =
    opts.behavior && opts.behavior !== 'ready' ? { [BEHAVIOR_ANNOTATION]: opts.behavior } : undefined;
  const port = (name: string, containerPort: number) => ({ name, containerPort, protocol: 'TCP' });
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: NS,
        labels: {
          'kubernetes.io/metadata.name': NS,
          'app.kubernetes.io/name': 'ingress-nginx',
          'app.kubernetes.io/instance': 'ingress-nginx',
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'ingress-nginx-controller', namespace: NS, labels: LABELS },
      data: { 'allow-snippet-annotations': 'false', ...(opts.config ?? {}) },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx', labels: LABELS },
      spec: { controller: 'k8s.io/ingress-nginx' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ingress-nginx-controller', namespace: NS, labels: LABELS },
      spec: {
        replicas: opts.replicas ?? 1,
        revisionHistoryLimit: 10,
        minReadySeconds: 0,
        selector: { matchLabels: SELECTOR },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: LABELS, ...(annotations ? { annotations } : {}) },
          spec: {
            serviceAccountName: 'ingress-nginx',
            terminationGracePeriodSeconds: 300,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [
              {
                name: 'controller',
                image: 'registry.k8s.io/ingress-nginx/controller:v1.12.1',
                imagePullPolicy: 'IfNotPresent',
                args: [
                  '/nginx-ingress-controller',
                  '--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller',
                  '--election-id=ingress-nginx-leader',
                  '--controller-class=k8s.io/ingress-nginx',
                  '--ingress-class=nginx',
                  '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller',
                  '--validating-webhook=:8443',
                ],
                ports: [port('http', 80), port('https', 443), port('webhook', 8443)],
                readinessProbe: {
                  httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' },
                  initialDelaySeconds: 10,
                  periodSeconds: 10,
                  timeoutSeconds: 1,
                  successThreshold: 1,
                  failureThreshold: 3,
                },
                livenessProbe: {
                  httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' },
                  initialDelaySeconds: 10,
                  periodSeconds: 10,
                  timeoutSeconds: 1,
                  successThreshold: 1,
                  failureThreshold: 5,
                },
                resources: { requests: { cpu: '100m', memory: '90Mi' } },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ingress-nginx-controller', namespace: NS, labels: LABELS },
      spec: {
        type: 'LoadBalancer',
        clusterIP: '10.96.120.10',
        clusterIPs: ['10.96.120.10'],
        externalTrafficPolicy: 'Local',
        selector: SELECTOR,
        ports: [
          {
            name: 'http',
            port: 80,
            targetPort: 'http',
            protocol: 'TCP',
            appProtocol: 'http',
            nodePort: 31080,
          },
          {
            name: 'https',
            port: 443,
            targetPort: 'https',
            protocol: 'TCP',
            appProtocol: 'https',
            nodePort: 31443,
          },
        ],
      },
    },
  ];
}
