import type { IntOrString, V1Container, V1Pod, V1Probe } from '@kubernetes/client-node';

/** Resolve a port reference (number or container port name) against one container. */
export function resolvePort(c: V1Container, ref: IntOrString | undefined): number | undefined {
  if (ref === undefined) return undefined;
  if (typeof ref === 'number') return ref;
  if (/^\d+$/.test(ref)) return Number(ref);
  return c.ports?.find((p) => p.name === ref)?.containerPort;
}

export function probePort(c: V1Container, probe: V1Probe | undefined): number | undefined {
  return resolvePort(c, probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port);
}

/** The app's container specs (from a pod, else the workload template). */
export function appContainers(pods: V1Pod[], template: V1Container[] | undefined): V1Container[] {
  return pods[0]?.spec?.containers ?? template ?? [];
}

export function declaredPorts(
  containers: V1Container[],
): { name?: string; port: number; container: string }[] {
  return containers.flatMap((c) =>
    (c.ports ?? []).map((p) => ({ name: p.name, port: p.containerPort, container: c.name })),
  );
}

export const formatDeclared = (ports: ReturnType<typeof declaredPorts>): string =>
  ports.length
    ? ports.map((p) => `${p.container} ${p.name ? `${p.name}:` : ''}${p.port}`).join(', ')
    : 'no ports';
