// The baseline server: bare Fastify answering every known GET (and POST, keyed "POST <url>", with
// 202) with the exact bytes the service sent for that URL, from memory, with no database, plugins or logging. The service's req/s is
// compared with it, so the ratio shows what the service's own work costs on this machine.
// Usage: node dist/bench/baseline.js <responses file, JSON> <port>   (port 0 picks a free one)
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

async function main(): Promise<void> {
  const [file, portArgument = '0'] = process.argv.slice(2);
  if (!file) throw new Error('usage: node dist/bench/baseline.js <responses file, JSON> <port>');
  // Encoded once, as the service keeps its cached representations: a string body would be
  // UTF-8-encoded on every response (costly for bodies with non-Latin-1 text, such as the '…'
  // of search highlights) and the baseline would no longer be the cheapest way to send these bytes.
  const bodies = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const responses = new Map(Object.entries(bodies).map(([url, body]) => [url, Buffer.from(body, 'utf8')]));
  const app = Fastify({ logger: false });
  // request.url is the path plus query string exactly as sent, the key the responses file uses.
  app.get('*', (request, reply) => {
    const body = responses.get(request.url);
    if (body === undefined) return reply.code(404).type('application/json; charset=utf-8').send('{"error":"unknown url"}');
    return reply.type('application/json; charset=utf-8').send(body);
  });
  // POSTs (views): Fastify parses the JSON body, as the service must, and the stored answer goes back.
  app.post('*', (request, reply) => {
    const body = responses.get(`POST ${request.url}`);
    if (body === undefined) return reply.code(404).type('application/json; charset=utf-8').send('{"error":"unknown url"}');
    return reply.code(202).type('application/json; charset=utf-8').send(body);
  });
  const address = await app.listen({ host: '127.0.0.1', port: Number(portArgument) });
  process.stdout.write(`baseline listening on ${address} (${responses.size} urls)\n`);
  const close = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}

main().catch((error: unknown) => {
  process.stderr.write(`baseline failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
