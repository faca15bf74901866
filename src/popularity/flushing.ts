// The background work of "Most Popular". Writes buffered views every VIEWS_FLUSH_INTERVAL_MS,
// when a close begins, and once more when the app closes, before the database does (onClose hooks run in reverse
// order of registration, and buildApp registers the database's first), so an accepted view is
// never lost to a graceful shutdown. Once the app is ready, sums the rankings' windows in
// slices between requests (rankings.ts `warm`), so no request waits for a whole window's sum.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Popularity } from './service.js';

export const viewFlushing = fp(
  async (app: FastifyInstance, { service, intervalMs }: { service: Popularity; intervalMs: number }) => {
    const timer = setInterval(() => service.flushSafely(), intervalMs);
    timer.unref();
    app.addHook('onReady', async () => {
      // Not awaited: the app serves meanwhile, and GET /v1/popular waits for its window alone.
      service.warmRankings().catch((err: unknown) => {
        app.log.error({ err }, 'a popular window could not be summed ahead; it will be summed when asked for');
      });
    });
    // At the start of a close, before the server waits for its open requests (which a slow
    // client can hold until the close gives up, 10 s): what is buffered by then is written
    // whatever becomes of the wait, and the timer writes what those requests add meanwhile.
    app.addHook('preClose', async () => service.flushSafely());
    app.addHook('onClose', async () => {
      clearInterval(timer);
      try {
        service.close();
      } catch (err) {
        app.log.error({ err, buffered: service.buffered }, 'buffered views could not be written at close');
      }
    });
  },
  { name: 'view-flushing' },
);
