// The dateline rules: cities and their time zones, observations from editors and the weather
// provider, and the dateline itself. Routes (and the article page) call these; SQL stays in the
// repository.
import { type Clock, formatTimestamp, wholeSecond } from '../clock.js';
import { conflict, notFound } from '../http/problems.js';
import { knownTimeZone, localDay, supportedLocale } from './calendar.js';
import { presentCity, presentObservation, presentWeather, type Units } from './presenter.js';
import type { CityRepository, ObservationRecord, ObservationSource, StoredCity } from './repository.js';
import type { Attribution, City, CityInput, Dateline, Observation, ObservationInput } from './schemas.js';

export interface DatelineServiceOptions {
  repository: CityRepository;
  clock: Clock;
  /** The city shown when a request names none (DEFAULT_CITY). */
  defaultCity: string;
  /** Told after every committed change, so caches can drop what they hold. */
  onChange: () => void;
}

/** What a dateline is asked for: the parameters of GET /v1/dateline, after validation. */
export interface DatelineRequest {
  city?: string;
  units: Units;
  locale: string;
  /** RFC 3339; now when left out. */
  at?: string;
}

/** A reading as a provider reports it. */
export interface ProviderReading {
  observedAt: number;
  temperatureC: number;
  condition: string | null;
  source: ObservationSource;
  attribution: Attribution | null;
}

/** A city with its observations, for demo content and benchmark data. */
export interface CitySeed extends CityInput {
  observations: ObservationInput[];
}

export function createDatelineService({ repository, clock, defaultCity, onChange }: DatelineServiceOptions) {
  function requireCity(slug: string): StoredCity {
    const city = repository.findCity(slug);
    if (!city) throw notFound(`No city has the slug "${slug}".`);
    return city;
  }

  function newCity(input: CityInput, now: number) {
    return () => {
      if (repository.findCity(input.slug)) throw conflict(`The city slug "${input.slug}" is taken.`);
      return { ...input, timezone: knownTimeZone(input.timezone) ?? input.timezone, createdAt: now };
    };
  }

  function editorObservation(city: StoredCity, input: ObservationInput, now: number): ObservationRecord {
    return {
      cityPk: city.pk,
      observedAt: wholeSecond(Date.parse(input.observedAt)),
      temperatureC: input.temperatureC,
      condition: input.condition ?? null,
      source: 'editor',
      attribution: null,
      recordedAt: now,
    };
  }

  return {
    createCity(input: CityInput): City {
      const [stored] = repository.insertCitiesChecked([newCity(input, clock.now())]);
      if (!stored) throw new Error('insert returned nothing');
      onChange();
      return presentCity(stored);
    },

    getCity(slug: string): City {
      return presentCity(requireCity(slug));
    },

    /** One page of cities in slug order; `next` is the slug to continue after. */
    listCities(limit: number, afterSlug?: string): { items: City[]; next: string | null } {
      const rows = repository.listCities(limit + 1, afterSlug);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { items: page.map(presentCity), next: rows.length > limit && last ? last.slug : null };
    },

    /** An editor's observation; a second one for the same city and moment is a 409. */
    recordObservation(slug: string, input: ObservationInput): Observation {
      const city = requireCity(slug);
      const stored = repository.insertObservation(editorObservation(city, input, clock.now()));
      if (!stored) {
        throw conflict(`The city "${slug}" already has an observation at ${formatTimestamp(Date.parse(input.observedAt))}.`);
      }
      onChange();
      return presentObservation(slug, stored);
    },

    /** A provider's reading; true when it was new (a provider repeats itself between updates). */
    recordReading(city: StoredCity, reading: ProviderReading): boolean {
      const stored = repository.insertObservation({
        ...reading,
        cityPk: city.pk,
        observedAt: wholeSecond(reading.observedAt),
        recordedAt: clock.now(),
      });
      if (stored) onChange();
      return stored !== null;
    },

    hasCities(): boolean {
      return repository.countCities() > 0;
    },

    /** Every city, for the weather provider to poll. */
    allCities(): StoredCity[] {
      return repository.allCities();
    },

    /** Exactly the body of GET /v1/dateline; the article page shows the same. */
    dateline({ city: slug = defaultCity, units, locale, at }: DatelineRequest): Dateline {
      const canonicalLocale = supportedLocale(locale);
      const moment = at === undefined ? clock.now() : Date.parse(at);
      const city = requireCity(slug);
      const observation = repository.latestObservation(city.pk, moment);
      return {
        city: { slug: city.slug, name: city.name, timezone: city.timezone },
        ...localDay(moment, city.timezone, canonicalLocale),
        weather: observation === null ? null : presentWeather(observation, units, moment),
      };
    },

    /** Creates cities with their observations in one transaction (demo content, benchmark data). */
    seed(seeds: CitySeed[]): void {
      const now = clock.now();
      repository.write(() => {
        const stored = repository.insertCitiesChecked(seeds.map(({ observations: _, ...input }) => newCity(input, now)));
        stored.forEach((city, index) => {
          for (const input of seeds[index]?.observations ?? []) repository.insertObservation(editorObservation(city, input, now));
        });
      });
      onChange();
    },
  };
}

export type DatelineService = ReturnType<typeof createDatelineService>;
