// Timeouts need a real server and raw sockets: inject() has no connection to time out.
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import t, { type Test } from 'tap';
import { buildTestApp } from '../helpers/app.js';

// With the global ceiling on, as deployed: the server is then made by serverWithCeiling
// (src/http/limits.ts), which must apply the same timeouts as Fastify's own.
const timeouts = {
  HEADERS_TIMEOUT_MS: 1000,
  REQUEST_TIMEOUT_MS: 1500,
  KEEP_ALIVE_TIMEOUT_MS: 1000,
  RATE_LIMIT_GLOBAL_PER_SECOND: 1000,
};

async function listening(t: Test): Promise<number> {
  const { app } = await buildTestApp(t, { demo: false, config: timeouts });
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

t.test('a client sending its headers a byte at a time is cut off with a 408', async (t) => {
  const port = await listening(t);
  const connection = await open(port);
  // 60 bytes at one every 250 ms would take 15 s; the headers timeout is 1 s, checked every second.
  const headers = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'s'.repeat(18)}\r\n\r\n`;
  const started = Date.now();
  const sent = await trickle(connection, headers, 250);
  await connection.closed;
  t.ok(sent < headers.length, `closed after ${sent} of ${headers.length} bytes (${Date.now() - started} ms)`);
  t.match(connection.received(), /^HTTP\/1\.1 408 Request Timeout\r\n/);
  t.match(connection.received(), /Content-Type: application\/problem\+json/);
  t.match(connection.received(), /"status":408/);
});

t.test('a client sending its body too slowly is cut off at the request timeout', async (t) => {
  const port = await listening(t);
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

t.test('an idle keep-alive connection is closed after the keep-alive timeout', async (t) => {
  const port = await listening(t);
  const connection = await open(port);
  connection.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  // Nothing more is sent: the server must close the connection by itself.
  const guard = sleep(10_000, 'still open', { ref: false });
  const outcome = await Promise.race([connection.closed.then(() => 'closed'), guard]);
  t.equal(outcome, 'closed');
  t.match(connection.received(), /^HTTP\/1\.1 200 OK\r\n/);
  t.match(connection.received(), /Keep-Alive: timeout=1\r\n/i);
});

t.test('a connection that does not speak HTTP gets a problem+json 400 and is closed', async (t) => {
  const port = await listening(t);
  const connection = await open(port);
  connection.socket.write('NOT HTTP AT ALL\r\n\r\n');
  await connection.closed;
  t.match(connection.received(), /^HTTP\/1\.1 400 Bad Request\r\n/);
  t.match(connection.received(), /Content-Type: application\/problem\+json/);
  t.match(connection.received(), /"status":400/);
});
