// Polls the weather provider for every city, on a timer, off the request path. One poll per
// city at a time (a slow city is skipped, not piled up); each poll retries with exponential
// backoff; a failure is logged and the last stored observation simply stays. Timers are unref'd
// and stop() cancels everything in flight, so the poller never holds the process open.
import { setTimeout as delay } from 'node:timers/promises';
import type { StoredCity } from './repository.js';
import type { ProviderReading } from './service.js';

export interface PollerLog {
  warn(details: object, message: string): void;
  debug(details: object, message: string): void;
}

export interface WeatherPollerOptions {
  cities: () => StoredCity[];
  /** Fetches a city's current reading; must give up when `signal` aborts. An error with `retryable: false` is not retried this round. */
  fetchReading: (city: StoredCity, signal: AbortSignal) => Promise<ProviderReading>;
  /** Stores a reading; true when it was new. */
  record: (city: StoredCity, reading: ProviderReading) => boolean;
  refreshMs: number;
  /** Attempts after the first failed one, in the same poll. */
  retries: number;
  /** Wait before the first retry; each further retry waits twice as long (plus jitter). */
  backoffMs: number;
  log: PollerLog;
}

export class WeatherPoller {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: WeatherPollerOptions) {}

  /** Polls at once, then every `refreshMs`. */
  start(): void {
    if (this.timer || this.stopping.signal.aborted) return;
    void this.pollAll();
    this.timer = setInterval(() => void this.pollAll(), this.options.refreshMs);
    this.timer.unref();
  }

  /** Cancels the timer and every poll in flight, and waits until they have let go. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await Promise.allSettled(this.inFlight.values());
  }

  /** One round over every city; resolves when each city's poll has finished (or was already running). */
  async pollAll(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    let cities: StoredCity[];
    try {
      cities = this.options.cities();
    } catch (error) {
      this.options.log.warn({ err: error }, 'weather: could not list cities');
      return;
    }
    await Promise.allSettled(cities.map((city) => this.poll(city)));
  }

  /** Polls one city, unless a poll of it is still running: then that poll is returned. */
  poll(city: StoredCity): Promise<void> {
    const running = this.inFlight.get(city.slug);
    if (running) return running;
    const poll = this.pollWithRetries(city).finally(() => this.inFlight.delete(city.slug));
    this.inFlight.set(city.slug, poll);
    return poll;
  }

  /** How many cities are being polled right now. */
  get pollsInFlight(): number {
    return this.inFlight.size;
  }

  private async pollWithRetries(city: StoredCity): Promise<void> {
    const { signal } = this.stopping;
    for (let attempt = 0; attempt <= this.options.retries && !signal.aborted; attempt += 1) {
      try {
        const reading = await this.options.fetchReading(city, signal);
        if (signal.aborted) return;
        const added = this.options.record(city, reading);
        this.options.log.debug({ city: city.slug, added }, 'weather: reading received');
        return;
      } catch (error) {
        if (signal.aborted) return;
        const last = attempt === this.options.retries || (error as { retryable?: boolean }).retryable === false;
        this.options.log.warn(
          { city: city.slug, attempt: attempt + 1, err: error instanceof Error ? error.message : String(error) },
          last ? 'weather: giving up until the next round; the last observation stays' : 'weather: retrying',
        );
        if (last) return;
        await this.backoff(attempt);
      }
    }
  }

  private async backoff(attempt: number): Promise<void> {
    const wait = this.options.backoffMs * 2 ** attempt * (0.75 + Math.random() / 2);
    try {
      await delay(wait, undefined, { signal: this.stopping.signal, ref: false });
    } catch {
      // Aborted by stop(): the loop sees the signal and ends.
    }
  }
}
