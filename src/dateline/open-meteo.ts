// Open-Meteo's current-weather API as a source of readings: one request per city, bounded by a
// timeout, its answer checked before anything of it is stored. No key is needed.
import { z } from 'zod';
import type { ProviderReading } from './service.js';
import { conditionOfWmoCode } from './wmo-codes.js';

/** The credit Open-Meteo's licence (CC BY 4.0) asks for wherever its data is shown. */
export const openMeteoAttribution = {
  text: 'Weather data by Open-Meteo.com',
  url: 'https://open-meteo.com/',
  license: 'CC BY 4.0',
  licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
};

const forecastSchema = z.object({
  utc_offset_seconds: z.number().int().default(0),
  current_units: z
    .object({ temperature_2m: z.literal('°C') })
    .partial()
    .optional(),
  current: z.object({
    // ISO 8601 local time without an offset ("2024-03-29T12:00"); GMT unless a zone is asked for.
    time: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/)
      // A date that does not exist (February 30th) parses as another day, or as none.
      .refine((time) => {
        const at = Date.parse(`${time}Z`);
        return Number.isFinite(at) && new Date(at).toISOString().startsWith(time);
      }, 'is not a moment of the calendar'),
    temperature_2m: z.number().min(-100).max(70),
    weather_code: z.number().int(),
  }),
});

export class ProviderError extends Error {
  override name = 'ProviderError';

  /**
   * Whether asking again soon may succeed: not after a 4xx other than 408 (a 429 says to slow
   * down, and retrying within seconds would triple a rate-limited round's requests).
   */
  constructor(
    message: string,
    readonly retryable = true,
  ) {
    super(message);
  }
}

export interface OpenMeteoOptions {
  baseUrl: string;
  timeoutMs: number;
}

/** The forecast endpoint under `baseUrl`, path prefix included (a mirror or proxy at https://proxy.example/open-meteo). */
export function forecastUrl(baseUrl: string, latitude: number, longitude: number): string {
  const url = new URL('v1/forecast', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.searchParams.set('latitude', String(latitude));
  url.searchParams.set('longitude', String(longitude));
  url.searchParams.set('current', 'temperature_2m,weather_code');
  return url.toString();
}

/**
 * Runs `work` with a signal that aborts after `timeoutMs` or with `cancel`, and settles then
 * even if `work` does not: on Node 20, fetch can lose the link to its signal under garbage
 * collection (nodejs/node#55428, fixed in undici by nodejs/undici#4984), and a hanging provider
 * would then hold its city's poll, and every later one, forever.
 */
async function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, cancel: AbortSignal, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onCancel = () => {};
  const deadline = new Promise<never>((_resolve, reject) => {
    const stop = (reason: unknown) => {
      controller.abort(reason);
      reject(reason);
    };
    onCancel = () => stop(cancel.reason);
    if (cancel.aborted) onCancel();
    else cancel.addEventListener('abort', onCancel, { once: true });
    timer = setTimeout(() => stop(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    cancel.removeEventListener('abort', onCancel);
  }
}

/** Fetches the current weather at a place; throws a ProviderError on any failure. */
export async function fetchCurrentWeather(
  { baseUrl, timeoutMs }: OpenMeteoOptions,
  place: { latitude: number; longitude: number },
  cancel: AbortSignal,
): Promise<ProviderReading> {
  let response: Response;
  let payload: unknown;
  try {
    ({ response, payload } = await withDeadline(
      async (signal) => {
        const answer = await fetch(forecastUrl(baseUrl, place.latitude, place.longitude), {
          signal,
          headers: { accept: 'application/json' },
        });
        return { response: answer, payload: answer.ok ? await answer.json() : await answer.text() };
      },
      cancel,
      timeoutMs,
    ));
  } catch (error) {
    throw new ProviderError(`request failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) {
    const { status } = response;
    throw new ProviderError(`answered ${status}`, status >= 500 || status === 408);
  }
  const parsed = forecastSchema.safeParse(payload);
  if (!parsed.success) throw new ProviderError(`unexpected answer: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const { current, utc_offset_seconds: offset } = parsed.data;
  return {
    observedAt: Date.parse(`${current.time}Z`) - offset * 1000,
    temperatureC: current.temperature_2m,
    condition: conditionOfWmoCode(current.weather_code),
    source: 'open-meteo',
    attribution: openMeteoAttribution,
  };
}
