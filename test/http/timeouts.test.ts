// Timeouts need a real server and raw sockets: inject() has no connection to time out.
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import t, { type Test } from 'tap';
import type { Config } from '../../src/config.js';
import { buildTestApp } from '../helpers/app.js';

const timeouts = {
  HEADERS_TIMEOUT_MS: 1000,
  REQUEST_TIMEOUT_MS: 1500,
  KEEP_ALIVE_TIMEOUT_MS: 1000,
};

/**
 * The two servers the timeouts must reach: with the global ceiling on, as deployed, the server
 * is made by serverWithLimits (src/http/limits.ts), which must apply them as Fastify does; with
 * it off, Fastify makes the server itself from the same options.
 */
const servers = [
  { name: 'the server made with the global ceiling', RATE_LIMIT_GLOBAL_PER_SECOND: 1000 },
  { name: 'the server Fastify makes (no global ceiling)', RATE_LIMIT_GLOBAL_PER_SECOND: 0 },
];

async function listening(t: Test, config: Partial<Config>): Promise<number> {
  const { app } = await buildTestApp(t, { demo: false, config: { ...timeouts, ...config } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return address.port;
}

interface Connection {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
}

function open(port: number): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString('utf8');
      });
      const closed = new Promise<void>((done) => socket.once('close', () => done()));
      socket.on('error', () => {});
      resolve({ socket, received: () => data, closed });
    });
    socket.once('error', reject);
  });
}

/** Sends `text` a byte at a time, `gapMs` apart, until it is all sent or the server closed; returns the bytes sent. */
async function trickle(connection: Connection, text: string, gapMs: number): Promise<number> {
  let sent = 0;
  let closed = false;
  void connection.closed.then(() => {
    closed = true;
  });
  for (const byte of text) {
    if (closed || connection.socket.destroyed) break;
    connection.socket.write(byte);
    sent += 1;
    await sleep(gapMs);
  }
  return sent;
}

for (const { name, ...server } of servers) {
  t.test(`${name}: a client sending its headers a byte at a time is cut off with a 408`, async (t) => {
    // The request timeout far beyond the trickle's 15 s (60 bytes, one every 250 ms), so only the
    // headers timeout (1 s, checked every second) can cut it.
    const port = await listening(t, { ...server, REQUEST_TIMEOUT_MS: 60_000 });
    const connection = await open(port);
    const headers = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'s'.repeat(18)}\r\n\r\n`;
    const started = Date.now();
    const sent = await trickle(connection, headers, 250);
    await connection.closed;
    t.ok(sent < headers.length, `closed after ${sent} of ${headers.length} bytes (${Date.now() - started} ms)`);
    t.match(connection.received(), /^HTTP\/1\.1 408 Request Timeout\r\n/);
    t.match(connection.received(), /Content-Type: application\/problem\+json/);
    t.match(connection.received(), /"status":408/);
  });

  t.test(`${name}: a client sending its body too slowly is cut off at the request timeout`, async (t) => {
    const port = await listening(t, server);
    const connection = await open(port);
    const body = JSON.stringify({ article: 'a-slowly-sent-article-slug', visitorId: 'v-1234567' });
    connection.socket.write(
      `POST /v1/views HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    // One byte every 250 ms would take 16 s; the request timeout is 1.5 s.
    const sent = await trickle(connection, body, 250);
    await connection.closed;
    t.ok(sent < body.length, `closed after ${sent} of ${body.length} body bytes`);
    t.match(connection.received(), /^HTTP\/1\.1 408 /);
  });

  t.test(`${name}: an idle keep-alive connection is closed after the keep-alive timeout`, async (t) => {
    const port = await listening(t, server);
    const connection = await open(port);
    connection.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    // Nothing more is sent: the server must close the connection by itself.
    const guard = sleep(10_000, 'still open', { ref: false });
    const outcome = await Promise.race([connection.closed.then(() => 'closed'), guard]);
    t.equal(outcome, 'closed');
    t.match(connection.received(), /^HTTP\/1\.1 200 OK\r\n/);
    t.match(connection.received(), /Keep-Alive: timeout=1\r\n/i);
  });

  t.test(`${name}: a connection that does not speak HTTP gets a problem+json 400 and is closed`, async (t) => {
    const port = await listening(t, server);
    const connection = await open(port);
    connection.socket.write('NOT HTTP AT ALL\r\n\r\n');
    await connection.closed;
    t.match(connection.received(), /^HTTP\/1\.1 400 Bad Request\r\n/);
    t.match(connection.received(), /Content-Type: application\/problem\+json/);
    t.match(connection.received(), /"status":400/);
  });
}
