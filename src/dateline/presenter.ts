// Stored cities and observations as the API shows them: temperatures in the asked unit,
// rounded once at the end, and the staleness rule.
import { formatTimestamp } from '../clock.js';
import type { ObservationRecord, StoredCity } from './repository.js';
import type { City, Observation, Weather } from './schemas.js';

export type Units = 'metric' | 'imperial';

/** An observation older than this at the moment shown is marked stale. */
export const staleAfterMs = 3 * 3_600_000;

/**
 * Rounds half away from zero to one decimal. Scaling through the decimal string (toFixed, which
 * also avoids exponent notation), not `x * 10`, keeps values such as 1.05 (stored as 1.04999…)
 * rounding the way they are written.
 */
export function roundToTenth(value: number): number {
  const scaled = Math.round(Number(`${Math.abs(value).toFixed(10)}e1`));
  const rounded = Math.sign(value) * Number(`${scaled}e-1`);
  return rounded === 0 ? 0 : rounded;
}

/** Converts first and rounds last, so 26.96 °C is 80.5 °F (not 27.0 °C converted, 80.6). */
export function temperatureIn(celsius: number, units: Units): { temperature: number; unit: 'C' | 'F' } {
  return units === 'imperial'
    ? { temperature: roundToTenth((celsius * 9) / 5 + 32), unit: 'F' }
    : { temperature: roundToTenth(celsius), unit: 'C' };
}

export function presentCity(city: StoredCity): City {
  return {
    slug: city.slug,
    name: city.name,
    country: city.country,
    timezone: city.timezone,
    latitude: city.latitude,
    longitude: city.longitude,
  };
}

export function presentObservation(citySlug: string, observation: ObservationRecord): Observation {
  return {
    city: citySlug,
    observedAt: formatTimestamp(observation.observedAt),
    temperatureC: observation.temperatureC,
    ...(observation.condition === null ? {} : { condition: observation.condition }),
    source: observation.source,
    ...(observation.attribution === null ? {} : { attribution: observation.attribution }),
  };
}

/** The weather part of a dateline shown at `at`. */
export function presentWeather(observation: ObservationRecord, units: Units, at: number): Weather {
  return {
    ...temperatureIn(observation.temperatureC, units),
    ...(observation.condition === null ? {} : { condition: observation.condition }),
    observedAt: formatTimestamp(observation.observedAt),
    stale: at - observation.observedAt > staleAfterMs,
    ...(observation.attribution === null ? {} : { attribution: observation.attribution }),
  };
}
