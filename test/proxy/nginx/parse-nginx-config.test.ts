import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNginxConfig } from '../../../src/proxy/nginx/parse-nginx-config.js';
import { readNginxConfigFiles } from '../../../src/proxy/nginx/read-nginx-config-files.js';

const main = `user www-data;
pid /run/nginx.pid;
error_log /var/log/nginx/error.log;
events { worker_connections 768; }
http {
  log_format up '$remote_addr [$time_local] "$request" $status '
                '$upstream_status $upstream_addr';
  access_log /var/log/nginx/access.log up;
  proxy_read_timeout 30s;
  include /etc/nginx/sites-enabled/*;
}
`;
const site = `upstream checkout_app {
  server 127.0.0.1:3000 max_fails=3;
  server 10.0.0.7:3000;
  keepalive 16;
  keepalive_timeout 75s;
}
server {
  listen 80;
  listen [::]:8080 default_server;
  server_name shop.example.com www.shop.example.com;
  location / {
    proxy_pass http://checkout_app;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_read_timeout 5;  # seconds
  }
  location /static/ { root /srv; }
  location = /legacy {
    proxy_pass http://legacy.internal:8081/old;
  }
}
`;

describe('parseNginxConfig', () => {
  const files = new Map([
    ['/etc/nginx/nginx.conf', main],
    ['/etc/nginx/sites-enabled/shop', site],
  ]);
  const parsed = parseNginxConfig({ files, main: '/etc/nginx/nginx.conf' });

  it('follows includes into routes with upstream servers, keep-alive and inherited timeouts', () => {
    expect(parsed.routes).toHaveLength(2);
    expect(parsed.routes[0]).toMatchObject({
      host: 'shop.example.com',
      path: '/',
      upstream: 'checkout_app',
      servers: [
        { host: '127.0.0.1', port: 3000 },
        { host: '10.0.0.7', port: 3000 },
      ],
      timeouts: { readMs: 5000, connectMs: 60_000 },
      upstreamKeepalive: true,
      upstreamKeepaliveMs: 75_000,
      source: '/etc/nginx/sites-enabled/shop:11',
    });
    expect(parsed.routes[1]).toMatchObject({
      path: '/legacy',
      servers: [{ host: 'legacy.internal', port: 8081 }],
      timeouts: { readMs: 30_000 },
      upstreamKeepalive: false,
    });
  });
  it('names pid, listen addresses and logs with the access log format', () => {
    expect(parsed.pidFile).toBe('/run/nginx.pid');
    expect(parsed.listen).toEqual([
      { host: '*', port: 80 },
      { host: '::', port: 8080 },
    ]);
    expect(parsed.logFiles?.error).toEqual(['/var/log/nginx/error.log']);
    expect(parsed.accessLogs).toEqual([
      {
        path: '/var/log/nginx/access.log',
        format: '$remote_addr [$time_local] "$request" $status $upstream_status $upstream_addr',
      },
    ]);
  });
  it('keepalive without proxy_http_version 1.1 does not reuse connections (nginx sends Connection: close)', () => {
    const noVersion = site.replace('proxy_http_version 1.1;', '');
    const p = parseNginxConfig({
      files: new Map([
        ['/etc/nginx/nginx.conf', main],
        ['/etc/nginx/sites-enabled/shop', noVersion],
      ]),
      main: '/etc/nginx/nginx.conf',
    });
    expect(p.routes[0]?.upstreamKeepalive).toBe(false);
  });
  it('reads `nginx -T` output the same way', () => {
    const dump = `nginx: the configuration file /etc/nginx/nginx.conf syntax is ok
# configuration file /etc/nginx/nginx.conf:
${main}
# configuration file /etc/nginx/sites-enabled/shop:
${site}`;
    const p = parseNginxConfig({ files: new Map([['dump', dump]]), main: 'dump' });
    expect(p.routes.map((r) => r.upstream)).toEqual(['checkout_app', 'legacy.internal:8081']);
    expect(p.path).toBe('/etc/nginx/nginx.conf');
  });
  it('relative pid and log paths resolve against the prefix', () => {
    const p = parseNginxConfig({
      files: new Map([['/srv/p/conf/nginx.conf', 'pid run/n.pid; error_log logs/e.log; events {} http { }']]),
      main: '/srv/p/conf/nginx.conf',
      prefix: '/srv/p',
    });
    expect(p.pidFile).toBe('/srv/p/run/n.pid');
    expect(p.logFiles?.error).toEqual(['/srv/p/logs/e.log']);
  });
});

describe('readNginxConfigFiles', () => {
  it('reads the main file and globbed includes from disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gw502-ngx-'));
    await mkdir(join(dir, 'sites'));
    await writeFile(join(dir, 'nginx.conf'), 'events {}\nhttp {\n  include sites/*.conf;\n}\n');
    await writeFile(join(dir, 'sites', 'a.conf'), site);
    await writeFile(join(dir, 'sites', 'ignored.txt'), 'garbage {');
    const files = await readNginxConfigFiles(join(dir, 'nginx.conf'));
    expect([...files.keys()].sort()).toEqual([join(dir, 'nginx.conf'), join(dir, 'sites', 'a.conf')]);
    const p = parseNginxConfig({ files, main: join(dir, 'nginx.conf') });
    expect(p.routes[0]?.upstream).toBe('checkout_app');
  });
});
