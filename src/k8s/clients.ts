import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  DiscoveryV1Api,
  NetworkingV1Api,
  ServerConfiguration,
  createConfiguration,
  type KubeConfig,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';

/** Typed API clients sharing one configuration: a per-request timeout and a request counter. */
export interface KubeClients {
  core: CoreV1Api;
  apps: AppsV1Api;
  networking: NetworkingV1Api;
  discovery: DiscoveryV1Api;
  custom: CustomObjectsApi;
}

export interface ClientOptions {
  /** Abort any single request after this long (client-node has no timeout of its own). */
  requestTimeoutMs: number;
  /** Aborts every request made through these clients (whole-diagnosis budget). */
  signal?: AbortSignal;
  /** Called once per HTTP request, e.g. to count API requests in benchmarks. */
  onRequest?: (method: string, url: string) => void;
}

export function makeClients(kc: KubeConfig, opts: ClientOptions): KubeClients {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('no Kubernetes cluster configured');
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kc },
    promiseMiddleware: [
      {
        pre: (ctx: RequestContext) => {
          const timeout = AbortSignal.timeout(opts.requestTimeoutMs);
          ctx.setSignal(opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout);
          opts.onRequest?.(ctx.getHttpMethod().toString(), ctx.getUrl());
          return Promise.resolve(ctx);
        },
        post: (ctx: ResponseContext) => Promise.resolve(ctx),
      },
    ],
  });
  return {
    core: new CoreV1Api(configuration),
    apps: new AppsV1Api(configuration),
    networking: new NetworkingV1Api(configuration),
    discovery: new DiscoveryV1Api(configuration),
    custom: new CustomObjectsApi(configuration),
  };
}
