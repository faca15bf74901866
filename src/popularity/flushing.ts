// Writes buffered views every VIEWS_FLUSH_INTERVAL_MS, and once more when the app closes, before
// the database does (onClose hooks run in reverse order of registration, and buildApp registers
// the database's first), so an accepted view is never lost to a graceful shutdown.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Popularity } from './service.js';

export const viewFlushing = fp(
  async (app: FastifyInstance, { service, intervalMs }: { service: Popularity; intervalMs: number }) => {
    const timer = setInterval(() => service.flushSafely(), intervalMs);
    timer.unref();
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
