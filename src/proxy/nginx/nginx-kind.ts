import type { HostProxyConfig } from '../../host/host-proxy-config.js';
import { classifyNginxErrorLine } from '../nginx-log/classify-nginx-error-line.js';
import type { ProxyKind } from '../proxy-kind.js';
import { parseNginxConfig, type NginxConfigSource } from './parse-nginx-config.js';

/**
 * nginx on a host: nginx.conf (with includes) or `nginx -T` output in, routes out. Error-log lines are
 * classified by the shared nginx-log classifier; access lines need their format, so the host checks parse
 * them with `parseNginxAccessLine` and the format from the config.
 */
export const nginxKind: ProxyKind<NginxConfigSource> & {
  readConfig(source: NginxConfigSource): HostProxyConfig;
} = {
  id: 'nginx',
  readConfig: parseNginxConfig,
  classifyLogLine: classifyNginxErrorLine,
};
