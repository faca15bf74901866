// Every SQL statement on `cities` and `weather_observations`. Returns plain typed objects;
// nothing above this file sees a Drizzle row.
import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { cities, weatherObservations } from '../db/schema.js';
import { writeTransaction } from '../db/transactions.js';
import type { Attribution } from './schemas.js';

export interface NewCity {
  slug: string;
  name: string;
  country: string;
  timezone: string;
  latitude: number;
  longitude: number;
  createdAt: number;
}

export interface StoredCity extends NewCity {
  pk: number;
}

export type ObservationSource = 'editor' | 'open-meteo';

export interface ObservationRecord {
  cityPk: number;
  observedAt: number;
  temperatureC: number;
  condition: string | null;
  source: ObservationSource;
  attribution: Attribution | null;
  recordedAt: number;
}

type ObservationRow = typeof weatherObservations.$inferSelect;

function observationFromRow(row: ObservationRow): ObservationRecord {
  return {
    cityPk: row.cityPk,
    observedAt: row.observedAt,
    temperatureC: row.temperatureC,
    condition: row.condition,
    source: row.source,
    attribution: row.attribution === null ? null : (JSON.parse(row.attribution) as Attribution),
    recordedAt: row.recordedAt,
  };
}

export function createCityRepository(db: Db) {
  const bySlug = db
    .select()
    .from(cities)
    .where(eq(cities.slug, sql.placeholder('slug')))
    .prepare();
  // The hot path of GET /v1/dateline: one index seek backwards from `at`.
  const latestAtOrBefore = db
    .select()
    .from(weatherObservations)
    .where(
      and(eq(weatherObservations.cityPk, sql.placeholder('cityPk')), lte(weatherObservations.observedAt, sql.placeholder('at'))),
    )
    .orderBy(desc(weatherObservations.observedAt))
    .limit(1)
    .prepare();

  /** Runs `work` in one write transaction that takes the write lock at once (nested: a savepoint). */
  function write<T>(work: () => T): T {
    return writeTransaction(db, work);
  }

  return {
    write,

    findCity(slug: string): StoredCity | null {
      return bySlug.get({ slug }) ?? null;
    },

    /** One page of cities in slug order, after the slug that ended the previous page. */
    listCities(limit: number, afterSlug?: string): StoredCity[] {
      return db
        .select()
        .from(cities)
        .where(afterSlug === undefined ? undefined : gt(cities.slug, afterSlug))
        .orderBy(asc(cities.slug))
        .limit(limit)
        .all();
    },

    allCities(): StoredCity[] {
      return db.select().from(cities).orderBy(asc(cities.slug)).all();
    },

    /** Inserts the cities `builds` return, in one write transaction, so their checks hold at commit. */
    insertCitiesChecked(builds: Array<() => NewCity>): StoredCity[] {
      return write(() => builds.map((build) => db.insert(cities).values(build()).returning().get()));
    },

    /** Stores an observation; null when the city already has one at that moment. */
    insertObservation(observation: ObservationRecord): ObservationRecord | null {
      const row = db
        .insert(weatherObservations)
        .values({ ...observation, attribution: observation.attribution && JSON.stringify(observation.attribution) })
        .onConflictDoNothing()
        .returning()
        .get();
      return row ? observationFromRow(row) : null;
    },

    /** The city's latest observation at or before `at`, or null. */
    latestObservation(cityPk: number, at: number): ObservationRecord | null {
      const row = latestAtOrBefore.get({ cityPk, at });
      return row ? observationFromRow(row) : null;
    },

    countCities(): number {
      return db.select({ n: sql<number>`count(*)` }).from(cities).get()?.n ?? 0;
    },
  };
}

export type CityRepository = ReturnType<typeof createCityRepository>;
