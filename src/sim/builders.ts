import type { KubeObject, PodBehavior } from './scenario.js';
import { BEHAVIOR_ANNOTATION } from './scenario.js';
import type { Container, PodTemplate, Probe } from './controllers/kube-types.js';
import { AGE_ANNOTATION, HISTORY_ANNOTATION } from './controllers/deployment-controller.js';
import { fnv32a } from './behaviors/seeded-random.js';

/** Concise constructors for scenario objects: realistic defaults, every field overridable. */

export function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
  };
}

export interface AppTemplateOptions {
  app: string;
  image?: string;
  behavior?: PodBehavior;
  /** Extra sim knobs (`sim.gw502.dev/response-ms`…) and real template annotations. */
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  port?: number;
  portName?: string;
  /** Admin port for probes (not-listening apps probe it; the app port stays silent). */
  probePort?: number | string;
  readiness?: Probe | false;
  liveness?: Probe | false;
  resources?: Container['resources'];
}

export function appTemplate(o: AppTemplateOptions): PodTemplate {
  const portName = o.portName ?? 'http';
  const port = o.port ?? 8080;
  const probePort = o.probePort ?? portName;
  const ports = [{ name: portName, containerPort: port, protocol: 'TCP' }];
  if (typeof o.probePort === 'number' && o.probePort !== port) {
    ports.push({ name: 'admin', containerPort: o.probePort, protocol: 'TCP' });
  }
  const container: Container = {
    name: 'app',
    image: o.image ?? `registry.example.com/shop/${o.app}:1.4.2`,
    imagePullPolicy: 'IfNotPresent',
    ports,
    env: [{ name: 'PORT', value: String(port) }],
    resources: o.resources ?? {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
  if (o.readiness !== false) {
    container.readinessProbe = o.readiness ?? {
      httpGet: { path: '/ready', port: probePort, scheme: 'HTTP' },
      initialDelaySeconds: 5,
      periodSeconds: 10,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    };
  }
  if (o.liveness !== false) {
    container.livenessProbe = o.liveness ?? {
      httpGet: { path: '/healthz', port: probePort, scheme: 'HTTP' },
      initialDelaySeconds: 10,
      periodSeconds: 10,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    };
  }
  const annotations = { ...(o.annotations ?? {}) };
  if (o.behavior && o.behavior !== 'ready') annotations[BEHAVIOR_ANNOTATION] = o.behavior;
  return {
    metadata: {
      labels: { app: o.app, 'app.kubernetes.io/name': o.app, ...(o.labels ?? {}) },
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: { containers: [container] },
  };
}

export interface DeploymentOptions extends AppTemplateOptions {
  name?: string;
  namespace: string;
  replicas?: number;
  /** Labels/annotations on the Deployment object itself. */
  deploymentLabels?: Record<string, string>;
  deploymentAnnotations?: Record<string, string>;
  /** Earlier revisions (oldest first): each overrides the current template options. */
  history?: Partial<AppTemplateOptions>[];
  /** How long ago the current revision was rolled out. */
  ageSeconds?: number;
  progressDeadlineSeconds?: number;
  /** Override the selector (defaults to `app: <app>`). */
  selector?: Record<string, string>;
}

export function deployment(o: DeploymentOptions): KubeObject {
  const template = appTemplate(o);
  const annotations: Record<string, string> = { ...(o.deploymentAnnotations ?? {}) };
  if (o.history?.length) {
    // Earlier revisions were healthy unless they say otherwise.
    annotations[HISTORY_ANNOTATION] = JSON.stringify(
      o.history.map((h) => appTemplate({ ...o, behavior: 'ready', ...h })),
    );
  }
  if (o.ageSeconds !== undefined) annotations[AGE_ANNOTATION] = String(o.ageSeconds);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: o.name ?? o.app,
      namespace: o.namespace,
      labels: { app: o.app, 'app.kubernetes.io/name': o.app, ...(o.deploymentLabels ?? {}) },
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      replicas: o.replicas ?? 3,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: o.progressDeadlineSeconds ?? 600,
      selector: { matchLabels: o.selector ?? { app: o.app } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template,
    },
  };
}

export function statefulSet(o: DeploymentOptions & { serviceName?: string }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: o.name ?? o.app,
      namespace: o.namespace,
      labels: { app: o.app, ...(o.deploymentLabels ?? {}) },
    },
    spec: {
      replicas: o.replicas ?? 3,
      serviceName: o.serviceName ?? o.name ?? o.app,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      selector: { matchLabels: o.selector ?? { app: o.app } },
      template: appTemplate(o),
    },
  };
}

/** A deterministic ClusterIP in 10.96.0.0/12 (the API server would allocate one). */
export function clusterIpFor(namespace: string, name: string): string {
  const h = fnv32a(`${namespace}/${name}`);
  return `10.96.${(h >>> 8) % 256}.${(h % 250) + 2}`;
}

export interface ServiceOptions {
  name: string;
  namespace: string;
  selector?: Record<string, string>;
  port?: number;
  portName?: string;
  targetPort?: number | string;
  labels?: Record<string, string>;
}

export function service(o: ServiceOptions): KubeObject {
  const ip = clusterIpFor(o.namespace, o.name);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: o.name, namespace: o.namespace, labels: { app: o.name, ...(o.labels ?? {}) } },
    spec: {
      type: 'ClusterIP',
      clusterIP: ip,
      clusterIPs: [ip],
      selector: o.selector ?? { app: o.name },
      ports: [
        {
          name: o.portName ?? 'http',
          port: o.port ?? 80,
          targetPort: o.targetPort ?? 'http',
          protocol: 'TCP',
        },
      ],
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    },
  };
}

export function externalNameService(name: string, ns: string, externalName: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns },
    spec: {
      type: 'ExternalName',
      externalName,
      ports: [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }],
    },
  };
}

export interface IngressOptions {
  name: string;
  namespace: string;
  host: string;
  service: string;
  port?: number | string;
  path?: string;
  annotations?: Record<string, string>;
}

export function ingress(o: IngressOptions): KubeObject {
  const port = o.port ?? 80;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: o.name,
      namespace: o.namespace,
      ...(o.annotations ? { annotations: o.annotations } : {}),
    },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: o.host,
          http: {
            paths: [
              {
                path: o.path ?? '/',
                pathType: 'Prefix',
                backend: {
                  service: {
                    name: o.service,
                    port: typeof port === 'number' ? { number: port } : { name: port },
                  },
                },
              },
            ],
          },
        },
      ],
    },
    status: { loadBalancer: { ingress: [{ ip: '172.18.0.240' }] } },
  };
}

/** A shop app in one call: Deployment, Service (80 → http) and Ingress `<app>.example.com`. */
export function shopApp(
  o: DeploymentOptions & { host?: string; ingressAnnotations?: Record<string, string> },
): KubeObject[] {
  return [
    deployment(o),
    service({ name: o.name ?? o.app, namespace: o.namespace, selector: { app: o.app } }),
    ingress({
      name: o.name ?? o.app,
      namespace: o.namespace,
      host: o.host ?? `${o.app}.example.com`,
      service: o.name ?? o.app,
      ...(o.ingressAnnotations ? { annotations: o.ingressAnnotations } : {}),
    }),
  ];
}

export function networkPolicy(
  name: string,
  ns: string,
  podSelector: Record<string, string>,
  ingressRules: Record<string, unknown>[] | undefined,
): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: ns },
    spec: {
      podSelector: Object.keys(podSelector).length ? { matchLabels: podSelector } : {},
      policyTypes: ['Ingress'],
      ...(ingressRules ? { ingress: ingressRules } : {}),
    },
  };
}

export { withIngressNginx } from './scenarios/ingress-nginx-objects.js';
export type { IngressNginxOptions } from './scenarios/ingress-nginx-objects.js';
