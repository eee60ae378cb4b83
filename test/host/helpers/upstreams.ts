import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createSocket } from 'node:dgram';

/**
 * Small upstream programs that misbehave the ways that make real proxies answer 502/504. Each returns its
 * port and a close function; they listen on 127.0.0.1 only.
 */
export interface Upstream {
  port: number;
  close(): Promise<void>;
}

async function listen(server: HttpServer | NetServer, sockets: Set<Socket>): Promise<Upstream> {
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers every request 200 after `delayMs` (0 = at once). */
export function startHttpUpstream(delayMs = 0): Promise<Upstream> {
  const timers = new Set<NodeJS.Timeout>();
  const server = createHttpServer((req, res) => {
    req.resume();
    const t = setTimeout(() => {
      timers.delete(t);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    }, delayMs);
    timers.add(t);
  });
  server.on('close', () => timers.forEach(clearTimeout));
  return listen(server, new Set());
}

/** Resets (RST) every connection as soon as a request arrives. */
export function startResettingUpstream(): Promise<Upstream> {
  const server = createNetServer((s) => s.once('data', () => s.resetAndDestroy()));
  return listen(server, new Set());
}

/**
 * Keeps connections alive after the first answer but drops them (FIN, no answer) when a second request
 * arrives on the same connection, and closes idle ones after `idleMs`: the race a proxy with a longer
 * upstream keep-alive loses when the app's idle timeout is shorter.
 */
export function startKeepaliveDroppingUpstream(idleMs: number): Promise<Upstream> {
  const server = createNetServer((s) => {
    let answered = 0;
    let buf = '';
    let idle: NodeJS.Timeout | undefined;
    s.on('data', (chunk: Buffer) => {
      buf += chunk.toString('latin1');
      if (!buf.includes('\r\n\r\n')) return;
      buf = '';
      if (idle) clearTimeout(idle);
      if (answered > 0) {
        s.destroy();
        return;
      }
      answered++;
      s.write(
        'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nok\n',
      );
      idle = setTimeout(() => s.end(), idleMs);
    });
    s.on('close', () => idle && clearTimeout(idle));
    s.on('error', () => undefined);
  });
  return listen(server, new Set());
}

/** Answers with a response whose header line is not valid HTTP. */
export function startBrokenUpstream(): Promise<Upstream> {
  const server = createNetServer((s) => {
    s.on('error', () => undefined);
    s.once('data', () => {
      s.end('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nBroken Header Line\r\n\r\nok\n');
    });
  });
  return listen(server, new Set());
}

/** A DNS server on UDP that answers every query NXDOMAIN, so names "could not be resolved". */
export async function startNxdomainDns(): Promise<Upstream> {
  const sock = createSocket('udp4');
  sock.on('message', (msg, rinfo) => {
    if (msg.length < 12) return;
    const reply = Buffer.from(msg);
    // QR=1, opcode copied, RD copied, RA=1, RCODE=3 (NXDOMAIN); no answers.
    reply[2] = 0x80 | (msg[2]! & 0x79);
    reply[3] = 0x80 | 0x03;
    reply.writeUInt16BE(0, 6);
    reply.writeUInt16BE(0, 8);
    reply.writeUInt16BE(0, 10);
    sock.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', resolve));
  return { port: sock.address().port, close: () => new Promise<void>((r) => sock.close(() => r())) };
}
