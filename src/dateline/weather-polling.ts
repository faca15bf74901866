// Wires the weather poller to the app when WEATHER_PROVIDER=open-meteo: it starts when the app
// is ready and stops when the app closes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { fetchCurrentWeather } from './open-meteo.js';
import type { DatelineService } from './service.js';
import { WeatherPoller } from './weather-poller.js';

/** Two retries, the first after at most 2 s, and all of them well inside one refresh interval. */
const retries = 2;
const longestFirstBackoffMs = 2_000;

export const weatherPolling = fp(
  async (app: FastifyInstance, { config, service }: { config: Config; service: DatelineService }) => {
    const refreshMs = config.WEATHER_REFRESH_SECONDS * 1000;
    const provider = { baseUrl: config.WEATHER_BASE_URL, timeoutMs: config.WEATHER_TIMEOUT_MS };
    const poller = new WeatherPoller({
      cities: () => service.allCities(),
      fetchReading: (city, signal) => fetchCurrentWeather(provider, city, signal),
      record: (city, reading) => service.recordReading(city, reading),
      refreshMs,
      retries,
      backoffMs: Math.min(longestFirstBackoffMs, refreshMs / 8),
      log: app.log.child({ provider: config.WEATHER_PROVIDER }),
    });
    app.addHook('onReady', (done) => {
      poller.start();
      done();
    });
    app.addHook('onClose', () => poller.stop());
  },
  { name: 'weather-polling' },
);
