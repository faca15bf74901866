// ResponseCache on its own, in a bare Fastify app: what the routes' tests cannot time.
import Fastify from 'fastify';
import t from 'tap';
import { ResponseCache } from '../../src/http/caching.js';
import { MemoryRepresentationStore } from '../../src/http/representation-store.js';
import { TestClock } from '../helpers/app.js';

t.test('an answer made across an await is dated as of before it, so a write during it is never hidden by a 304', async (t) => {
  const clock = new TestClock(Date.parse('2026-12-08T12:00:00Z'));
  const cache = new ResponseCache({
    clock,
    store: new MemoryRepresentationStore(1_000_000),
    maxAgeSeconds: 60,
    nextScheduledChange: () => null,
  });
  let content = 'before the write';
  let writeDuringNext = true;
  const app = Fastify();
  app.decorateRequest('apiKey', null);
  app.get('/document', async (request, reply) => {
    await cache.sendAsync(request, reply, 'document', async () => {
      const body = content;
      await new Promise((resolve) => setImmediate(resolve));
      if (writeDuringNext) {
        // Another request's write lands while this answer is being made.
        writeDuringNext = false;
        clock.advance(5_000);
        content = 'after the write';
        cache.invalidate();
        // And this answer takes a while longer to finish.
        clock.advance(2_000);
      }
      return { body, contentType: 'text/plain; charset=utf-8' };
    });
  });
  t.teardown(() => app.close());
  clock.advance(1_000);
  const first = await app.inject({ url: '/document' });
  t.equal(first.body, 'before the write');
  const since = first.headers['last-modified'] as string;
  t.ok(since, 'dated');
  t.ok(Date.parse(since) < clock.now() - 2_000, 'dated before the write');
  clock.advance(1_000);
  const again = await app.inject({ url: '/document', headers: { 'if-modified-since': since } });
  t.equal(again.statusCode, 200, 'the write is not hidden');
  t.equal(again.body, 'after the write');
});
