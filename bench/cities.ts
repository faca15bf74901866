// The benchmark's cities and weather observations, for GET /v1/dateline: real places in time
// zones on both sides of UTC, with and without daylight saving, and an hourly reading for each
// over two weeks, written through the dateline service like any other data.
import Database from 'better-sqlite3';
import { formatTimestamp, systemClock } from '../src/clock.js';
import { createCityRepository } from '../src/dateline/repository.js';
import { cityInputSchema, observationInputSchema } from '../src/dateline/schemas.js';
import { type CitySeed, createDatelineService } from '../src/dateline/service.js';
import type { ContentDatabase } from '../src/db/open.js';
import type { Random } from './random.js';

type Place = [slug: string, name: string, country: string, timezone: string, latitude: number, longitude: number];

const places: Place[] = [
  ['delhi', 'Delhi', 'IN', 'Asia/Kolkata', 28.6139, 77.209],
  ['mumbai', 'Mumbai', 'IN', 'Asia/Kolkata', 19.076, 72.8777],
  ['kathmandu', 'Kathmandu', 'NP', 'Asia/Kathmandu', 27.7172, 85.324],
  ['beijing', 'Beijing', 'CN', 'Asia/Shanghai', 39.9042, 116.4074],
  ['tokyo', 'Tokyo', 'JP', 'Asia/Tokyo', 35.6762, 139.6503],
  ['sydney', 'Sydney', 'AU', 'Australia/Sydney', -33.8688, 151.2093],
  ['auckland', 'Auckland', 'NZ', 'Pacific/Auckland', -36.8485, 174.7633],
  ['moscow', 'Moscow', 'RU', 'Europe/Moscow', 55.7558, 37.6173],
  ['istanbul', 'Istanbul', 'TR', 'Europe/Istanbul', 41.0082, 28.9784],
  ['cairo', 'Cairo', 'EG', 'Africa/Cairo', 30.0444, 31.2357],
  ['nairobi', 'Nairobi', 'KE', 'Africa/Nairobi', -1.2921, 36.8219],
  ['lagos', 'Lagos', 'NG', 'Africa/Lagos', 6.5244, 3.3792],
  ['berlin', 'Berlin', 'DE', 'Europe/Berlin', 52.52, 13.405],
  ['paris', 'Paris', 'FR', 'Europe/Paris', 48.8566, 2.3522],
  ['london', 'London', 'GB', 'Europe/London', 51.5074, -0.1278],
  ['reykjavik', 'Reykjavík', 'IS', 'Atlantic/Reykjavik', 64.1466, -21.9426],
  ['sao-paulo', 'São Paulo', 'BR', 'America/Sao_Paulo', -23.5505, -46.6333],
  ['new-york', 'New York', 'US', 'America/New_York', 40.7128, -74.006],
  ['chicago', 'Chicago', 'US', 'America/Chicago', 41.8781, -87.6298],
  ['los-angeles', 'Los Angeles', 'US', 'America/Los_Angeles', 34.0522, -118.2437],
  ['honolulu', 'Honolulu', 'US', 'Pacific/Honolulu', 21.3069, -157.8583],
];

const conditions = ['Clear sky', 'Mainly clear', 'Partly cloudy', 'Overcast', 'Fog', 'Slight rain', 'Thunderstorm'];
const hour = 3_600_000;
/** Observations cover this window, hourly, with a few gaps so some datelines show stale weather. */
export const observationsFrom = Date.UTC(2025, 2, 24);
export const observationsTo = Date.UTC(2025, 3, 7);

function citySeed(random: Random, [slug, name, country, timezone, latitude, longitude]: Place): CitySeed {
  const mean = 25 - Math.abs(latitude) / 3;
  const observations = [];
  for (let at = observationsFrom; at < observationsTo; at += hour) {
    if (random.chance(0.05)) at += 4 * hour;
    const temperatureC = Math.round((mean + (random.next() - 0.5) * 12) * 100) / 100;
    const condition = random.chance(0.9) ? random.pick(conditions) : undefined;
    observations.push(observationInputSchema.parse({ observedAt: formatTimestamp(at), temperatureC, condition }));
  }
  return { ...cityInputSchema.parse({ slug, name, country, timezone, latitude, longitude }), observations };
}

/** Adds every benchmark city and its observations to an open dataset. */
export function addBenchCities(database: ContentDatabase, random: Random): void {
  const service = createDatelineService({
    repository: createCityRepository(database.db),
    clock: systemClock,
    defaultCity: 'delhi',
    onChange: () => {},
  });
  service.seed(places.map((place) => citySeed(random, place)));
}

export function readCitySlugs(path: string): string[] {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.prepare('SELECT slug FROM cities ORDER BY slug').all() as Array<{ slug: string }>).map((row) => row.slug);
  } finally {
    sqlite.close();
  }
}
