// Demo cities and weather observations: Delhi reads like the clipping's page header
// ("27.1 C / Delhi / Friday, March 29, 2024" at 2024-03-29T12:00Z), and the others cover time
// zones on both sides of UTC, with and without daylight saving.
import { cityInputSchema, observationInputSchema } from '../dateline/schemas.js';
import type { CitySeed, DatelineService } from '../dateline/service.js';

type Reading = [observedAt: string, temperatureC: number, condition?: string];

const demoCities: Array<{ city: Record<string, unknown>; readings: Reading[] }> = [
  {
    city: { slug: 'delhi', name: 'Delhi', country: 'IN', timezone: 'Asia/Kolkata', latitude: 28.6139, longitude: 77.209 },
    readings: [
      ['2024-03-29T03:00:00Z', 22.4, 'Haze'],
      ['2024-03-29T06:00:00Z', 25.3, 'Haze'],
      ['2024-03-29T09:00:00Z', 26.8, 'Partly cloudy'],
      ['2024-03-29T11:45:00Z', 27.1, 'Haze'],
      ['2024-03-29T15:00:00Z', 25.6, 'Clear sky'],
    ],
  },
  {
    city: { slug: 'moscow', name: 'Moscow', country: 'RU', timezone: 'Europe/Moscow', latitude: 55.7558, longitude: 37.6173 },
    readings: [
      ['2024-03-29T06:00:00Z', 2.1, 'Overcast'],
      ['2024-03-29T09:00:00Z', 4.6, 'Overcast'],
      ['2024-03-29T12:00:00Z', 6.2, 'Slight rain'],
    ],
  },
  {
    city: { slug: 'beijing', name: 'Beijing', country: 'CN', timezone: 'Asia/Shanghai', latitude: 39.9042, longitude: 116.4074 },
    readings: [
      ['2024-03-29T03:00:00Z', 16.9, 'Mainly clear'],
      ['2024-03-29T07:00:00Z', 19.5, 'Mainly clear'],
    ],
  },
  {
    city: { slug: 'london', name: 'London', country: 'GB', timezone: 'Europe/London', latitude: 51.5074, longitude: -0.1278 },
    readings: [
      ['2024-03-29T08:00:00Z', 8.4, 'Slight rain showers'],
      ['2024-03-29T11:00:00Z', 11.3, 'Partly cloudy'],
    ],
  },
  {
    city: {
      slug: 'new-york',
      name: 'New York',
      country: 'US',
      timezone: 'America/New_York',
      latitude: 40.7128,
      longitude: -74.006,
    },
    readings: [
      ['2024-03-29T04:00:00Z', 7.8, 'Clear sky'],
      ['2024-03-29T11:00:00Z', 9.4, 'Clear sky'],
    ],
  },
];

/** Adds the demo cities and their observations, validated like POST bodies, in one transaction. */
export function seedDemoCities(dateline: DatelineService): void {
  const seeds: CitySeed[] = demoCities.map(({ city, readings }) => ({
    ...cityInputSchema.parse(city),
    observations: readings.map(([observedAt, temperatureC, condition]) =>
      observationInputSchema.parse({ observedAt, temperatureC, condition }),
    ),
  }));
  dateline.seed(seeds);
}
