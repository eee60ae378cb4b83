import type { HostProxyConfig } from '../../host/host-proxy-config.js';
import type { ProxyKind } from '../proxy-kind.js';
import { classifyHaproxyLogLine } from './classify-haproxy-log-line.js';
import { parseHaproxyConfig } from './parse-haproxy-config.js';

/** HAProxy on a host: haproxy.cfg text in, routes out; its HTTP log lines classified by termination state. */
export const haproxyKind: ProxyKind<{ text: string; path?: string }> & {
  readConfig(source: { text: string; path?: string }): HostProxyConfig;
} = {
  id: 'haproxy',
  readConfig: ({ text, path }) => parseHaproxyConfig(text, path),
  classifyLogLine: classifyHaproxyLogLine,
};
