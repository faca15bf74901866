// Request and response schemas of cities, observations and the dateline: validation,
// TypeScript types and the OpenAPI document all come from these.
import { z } from 'zod';
import { cursorSchema, limitSchema, slugSchema, textSchema, timestampSchema, utcTimestampSchema } from '../http/primitives.js';
import { knownTimeZone } from './calendar.js';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** Codes ICU names that are not countries: unknown (ZZ), groupings (EU, EZ, UN, QO). */
const notCountries = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO']);

function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !notCountries.has(code) && regionNames.of(code) !== undefined;
}

export const cityExample = {
  slug: 'delhi',
  name: 'Delhi',
  country: 'IN',
  timezone: 'Asia/Kolkata',
  latitude: 28.6139,
  longitude: 77.209,
};

export const cityInputSchema = z
  .strictObject({
    slug: slugSchema.max(60),
    name: textSchema(100),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as IN')
      .refine(isCountryCode, 'is not a known country code')
      .describe('ISO 3166-1 alpha-2 code.'),
    timezone: z
      .string()
      .max(64)
      .refine((zone) => knownTimeZone(zone) !== null, 'must be an IANA time zone name such as Asia/Kolkata')
      .describe('IANA time zone name.'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  })
  // A city the demo has not: "Try it out" on a demo service creates it.
  .meta({
    id: 'CityCreate',
    example: { slug: 'mumbai', name: 'Mumbai', country: 'IN', timezone: 'Asia/Kolkata', latitude: 19.076, longitude: 72.8777 },
  });

export const citySchema = z
  .object({
    slug: slugSchema,
    name: z.string(),
    country: z.string(),
    timezone: z.string(),
    latitude: z.number(),
    longitude: z.number(),
  })
  .meta({ id: 'City', example: cityExample });

export const cityListQuerySchema = z.strictObject({ limit: limitSchema(100, 20), cursor: cursorSchema.optional() });
export const cityParamsSchema = z.object({ slug: slugSchema.describe('The city slug.') });

export const attributionSchema = z
  .object({
    text: z.string(),
    url: z.string(),
    license: z.string(),
    licenseUrl: z.string(),
  })
  .meta({
    id: 'Attribution',
    description: 'The credit the data source asks for: show `text` linked to `url`.',
    example: {
      text: 'Weather data by Open-Meteo.com',
      url: 'https://open-meteo.com/',
      license: 'CC BY 4.0',
      licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
    },
  });

export const observationInputSchema = z
  .strictObject({
    observedAt: timestampSchema,
    temperatureC: z.number().min(-100).max(70).describe('Air temperature in degrees Celsius.'),
    condition: textSchema(100).optional().describe('Such as "Partly cloudy".'),
  })
  // Not the demo's own observation (a 409 on a demo service), the next one.
  .meta({ id: 'ObservationCreate', example: { observedAt: '2024-03-29T12:15:00Z', temperatureC: 27.8, condition: 'Haze' } });

export const observationSchema = z
  .object({
    city: slugSchema,
    observedAt: utcTimestampSchema,
    temperatureC: z.number(),
    condition: z.string().optional(),
    source: z.enum(['editor', 'open-meteo']),
    attribution: attributionSchema.optional(),
  })
  .meta({
    id: 'Observation',
    example: { city: 'delhi', observedAt: '2024-03-29T11:45:00Z', temperatureC: 27.1, condition: 'Haze', source: 'editor' },
  });

/**
 * The moments a dateline may show: UTC offsets reach ±14 hours, so these keep the local date
 * within 1900..9999 in every zone (9999-12-31T23:00:00Z is already 10000-01-01 in Beijing, a
 * date no RFC 3339 reader takes).
 */
const widestOffsetMs = 14 * 3_600_000;
const earliestAt = Date.UTC(1900, 0, 1) + widestOffsetMs;
const latestAt = Date.UTC(9999, 11, 31, 23, 59, 59) - widestOffsetMs;

/** The dateline's parameters, shared with the article page, which shows the same dateline. */
export const datelineQueryShape = {
  city: slugSchema.optional().describe('City slug; the configured default city when left out.'),
  units: z.enum(['metric', 'imperial']).default('metric').describe('`metric` (°C) or `imperial` (°F).'),
  locale: z.string().min(1).max(100).default('en-US').describe('BCP 47 locale for `weekday` and `display`.'),
  at: timestampSchema
    .refine((value) => {
      const at = Date.parse(value);
      return at >= earliestAt && at <= latestAt;
    }, 'must be between 1900-01-01T14:00:00Z and 9999-12-31T09:59:59Z, so that its date is within 1900..9999 in every time zone')
    .optional()
    .describe('The moment to show (RFC 3339), 1900-01-01T14:00:00Z to 9999-12-31T09:59:59Z; now when left out.'),
};
export const datelineQuerySchema = z.strictObject(datelineQueryShape);

export const weatherSchema = z.object({
  temperature: z.number().describe('Rounded to one decimal, in `unit`.'),
  unit: z.enum(['C', 'F']),
  condition: z.string().optional(),
  observedAt: utcTimestampSchema,
  stale: z.boolean().describe('True when the observation is over three hours older than `at`.'),
  attribution: attributionSchema.optional(),
});

export const datelineSchema = z
  .object({
    city: z.object({ slug: slugSchema, name: z.string(), timezone: z.string() }),
    date: z.string().describe("The city's local date at `at`, YYYY-MM-DD."),
    weekday: z.string(),
    display: z.string(),
    weather: weatherSchema.nullable().describe('The latest observation at or before `at`; null when there is none.'),
  })
  .meta({
    id: 'Dateline',
    example: {
      city: { slug: 'delhi', name: 'Delhi', timezone: 'Asia/Kolkata' },
      date: '2024-03-29',
      weekday: 'Friday',
      display: 'Friday, March 29, 2024',
      weather: { temperature: 27.1, unit: 'C', condition: 'Haze', observedAt: '2024-03-29T11:45:00Z', stale: false },
    },
  });

export type CityInput = z.infer<typeof cityInputSchema>;
export type City = z.infer<typeof citySchema>;
export type Attribution = z.infer<typeof attributionSchema>;
export type ObservationInput = z.infer<typeof observationInputSchema>;
export type Observation = z.infer<typeof observationSchema>;
export type DatelineQuery = z.infer<typeof datelineQuerySchema>;
export type Weather = z.infer<typeof weatherSchema>;
export type Dateline = z.infer<typeof datelineSchema>;
