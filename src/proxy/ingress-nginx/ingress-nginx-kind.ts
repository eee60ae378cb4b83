import { classifyNginxErrorLine } from '../nginx-log/classify-nginx-error-line.js';
import { parseNginxAccessLine } from '../nginx-log/parse-nginx-access-line.js';
import type { ClassifiedLogLine, ProxyKind } from '../proxy-kind.js';
import { readIngressNginxConfig, type IngressNginxSource } from './read-ingress-nginx-config.js';

/** The controller log interleaves nginx's error log, its access log (default format) and klog lines. */
export function classifyIngressNginxLine(line: string): ClassifiedLogLine | undefined {
  return classifyNginxErrorLine(line) ?? parseNginxAccessLine(line);
}

export const ingressNginxKind: ProxyKind<IngressNginxSource> = {
  id: 'ingress-nginx',
  readConfig: readIngressNginxConfig,
  classifyLogLine: classifyIngressNginxLine,
};
