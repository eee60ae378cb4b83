import { describe, expect, it } from 'vitest';
import {
  HostAgentOptionsError,
  hostDiagnosisOptionsFor,
  parseHostAgentOptions,
} from '../../src/queue/host-agent-options.js';

describe('host agent options (GW502_AGENT_*)', () => {
  it('unset → diagnose-host defaults: only the service and the agent host name', () => {
    const opts = parseHostAgentOptions({ PATH: '/usr/bin', GW502_AGENT_UPSTREAMS: '' });
    expect(hostDiagnosisOptionsFor(opts, 'shop', 'web-1')).toEqual({ service: 'shop', hostName: 'web-1' });
  });

  it('per-service upstream, unit and container apply to that service only', () => {
    const opts = parseHostAgentOptions({
      GW502_AGENT_PROXY: 'haproxy',
      GW502_AGENT_PROXY_CONFIG: '/etc/haproxy/haproxy.cfg',
      GW502_AGENT_PROXY_LOG: '/var/log/haproxy.log',
      GW502_AGENT_HEALTH_PATH: '/healthz',
      GW502_AGENT_UPSTREAMS: 'shop=127.0.0.1:8080, api=[::1]:9000',
      GW502_AGENT_UNITS: 'shop=shop-web.service',
      GW502_AGENT_CONTAINERS: 'api=api-1',
    });
    expect(hostDiagnosisOptionsFor(opts, 'shop', 'web-1')).toEqual({
      service: 'shop',
      hostName: 'web-1',
      proxy: 'haproxy',
      proxyConfig: '/etc/haproxy/haproxy.cfg',
      proxyLog: '/var/log/haproxy.log',
      healthPath: '/healthz',
      upstream: '127.0.0.1:8080',
      unit: 'shop-web.service',
    });
    expect(hostDiagnosisOptionsFor(opts, 'api', 'web-1')).toMatchObject({
      upstream: '[::1]:9000',
      container: 'api-1',
    });
    expect(hostDiagnosisOptionsFor(opts, 'api', 'web-1')).not.toHaveProperty('unit');
    expect(hostDiagnosisOptionsFor(opts, 'other', 'web-1')).not.toHaveProperty('upstream');
  });

  it.each([
    [{ GW502_AGENT_PROXY: 'envoy' }, /GW502_AGENT_PROXY must be nginx or haproxy/],
    [{ GW502_AGENT_PROXY_CONFIG: 'nginx.conf' }, /GW502_AGENT_PROXY_CONFIG must be an absolute path/],
    [{ GW502_AGENT_HEALTH_PATH: 'health' }, /GW502_AGENT_HEALTH_PATH must start with \//],
    [{ GW502_AGENT_UPSTREAMS: 'shop=nonsense' }, /GW502_AGENT_UPSTREAMS: "shop=nonsense": HOST:PORT/],
    [
      { GW502_AGENT_UPSTREAMS: '127.0.0.1:8080' },
      /GW502_AGENT_UPSTREAMS: "127.0.0.1:8080" is not SERVICE=VALUE/,
    ],
    [{ GW502_AGENT_UNITS: 'shop=a b' }, /GW502_AGENT_UNITS/],
    [
      { GW502_AGENT_UNITS: 'shop=s', GW502_AGENT_CONTAINERS: 'shop=c' },
      /"shop" has both a unit and a container/,
    ],
  ])('bad value %j → a start-up error naming the variable', (env, message) => {
    expect(() => parseHostAgentOptions(env)).toThrow(HostAgentOptionsError);
    expect(() => parseHostAgentOptions(env)).toThrow(message);
  });
});
