// Values generated from JSON Schemas for the OpenAPI fuzz test: valid ones, ones at and just
// past each limit the schema states, ones of the wrong type, and hostile strings. All randomness
// comes from one seeded generator so a failing run is reproduced by its seed.
import { hostileStrings } from './hostile-strings.js';
import type { JsonSchema, OpenApiModel } from './openapi-model.js';

export { hostileStrings };

/** mulberry32: small, fast and good enough to drive a fuzzer reproducibly. */
export class Rng {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

/** A string of the given length from a few alphabets, unicode included. */
export function stringOfLength(rng: Rng, length: number): string {
  const alphabet = rng.pick(['abcdefghijklmnopqrstuvwxyz0123456789-', 'ÄéΩж語🦆 ', '\u0001\u001f\u007f\t\n']);
  const chars = Array.from(alphabet);
  let out = '';
  for (let i = 0; i < length; i++) out += rng.pick(chars);
  return out;
}

/** Candidates a pattern is tried against, so valid values come from the schema's own rules. */
function patternCandidates(seeds: readonly string[]): string[] {
  return [
    ...seeds,
    'world',
    'transport',
    'abc-def',
    'delhi',
    'demo_001',
    'IN',
    'en',
    'en-GB',
    'a',
    'A_b-1',
    'Plain text',
    'Europe/Paris',
    'UTC',
    'fr-FR',
  ];
}

export class ValueGenerator {
  constructor(
    private readonly model: OpenApiModel,
    private readonly rng: Rng,
    /** Known good identifiers (seeded ids, slugs), tried first for patterned strings. */
    private readonly seeds: readonly string[],
  ) {}

  /** A value the schema accepts, as far as the schema alone can tell. */
  valid(input: JsonSchema, depth = 0): unknown {
    const schema = this.model.resolve(input);
    const { rng } = this;
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return rng.pick(schema.enum);
    const union = schema.oneOf ?? schema.anyOf;
    if (union) return this.valid(rng.pick(union), depth);
    if (schema.example !== undefined && rng.chance(0.5)) return structuredClone(schema.example);
    switch (primaryType(schema)) {
      case 'string':
        return this.validString(schema);
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? -1000;
        const max = Math.min(schema.maximum ?? 1000, min + 1000);
        const value =
          schema.minimum !== undefined && rng.chance(0.15) ? min : rng.chance(0.15) ? max : min + rng.next() * (max - min);
        return primaryType(schema) === 'integer' ? Math.round(value) : Math.round(value * 10) / 10;
      }
      case 'boolean':
        return rng.chance(0.5);
      case 'null':
        return null;
      case 'array': {
        const count = depth > 3 ? (schema.minItems ?? 0) : rng.int(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3));
        return Array.from({ length: count }, () => (schema.items ? this.valid(schema.items, depth + 1) : 'x'));
      }
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          if (schema.required?.includes(name) || (depth < 3 && rng.chance(0.5))) out[name] = this.valid(property, depth + 1);
        }
        return out;
      }
      default:
        return 'x';
    }
  }

  private validString(schema: JsonSchema): string {
    const { rng } = this;
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? 64;
    if (schema.format === 'date-time') {
      return new Date(
        Date.UTC(rng.int(1990, 2030), rng.int(0, 11), rng.int(1, 28), rng.int(0, 23), rng.int(0, 59)),
      ).toISOString();
    }
    if (schema.format === 'uri') return `https://example.org/${rng.int(1, 1000)}.jpg`;
    const fits = (value: string) => value.length >= min && value.length <= max;
    const pattern = schema.pattern ? new RegExp(schema.pattern) : null;
    const allowed = (value: string) => fits(value) && (pattern === null || pattern.test(value));
    // Valid yet odd (unicode, quotes, SQL and search syntax, exactly the longest allowed): where
    // the crashes that validation lets through are found.
    if (rng.chance(0.3)) {
      const odd = [...hostileStrings, stringOfLength(rng, max), stringOfLength(rng, Math.max(min, 1))].filter(allowed);
      if (odd.length > 0) return rng.pick(odd);
    }
    // Half the time something new (a fresh slug, so creates are not all conflicts), else a
    // known value (a seeded id, so reads and writes find something).
    const fresh = [`fz-${rng.int(1, 1e9)}`, `fz_${rng.int(1, 1e9)}`].filter(allowed);
    if (fresh.length > 0 && rng.chance(0.5)) return rng.pick(fresh);
    if (pattern || rng.chance(0.5)) {
      const matching = patternCandidates(this.seeds).filter(allowed);
      if (matching.length > 0) return rng.pick(matching);
    }
    const length = rng.int(Math.max(min, 1), Math.max(Math.min(max, 24), 1));
    return 'abcdefghijklmnopqrstuvwxyz'.repeat(5).slice(0, length);
  }

  /** Values at and just past the limits the schema states, plus hostile ones. */
  edge(input: JsonSchema): unknown {
    const schema = this.model.resolve(input);
    const { rng } = this;
    const options: unknown[] = [rng.pick(hostileStrings), this.wrongType(schema)];
    if (schema.enum) {
      const value = String(rng.pick(schema.enum));
      options.push(value, value.toUpperCase(), `${value}x`, ` ${value}`);
    }
    const type = primaryType(schema);
    if (type === 'string') {
      const min = schema.minLength ?? 0;
      if (schema.maxLength !== undefined) {
        options.push(stringOfLength(rng, schema.maxLength), stringOfLength(rng, schema.maxLength + 1));
      }
      if (min > 0) options.push(stringOfLength(rng, min), stringOfLength(rng, min - 1));
    }
    if (type === 'integer' || type === 'number') {
      for (const bound of [schema.minimum, schema.maximum]) {
        if (bound !== undefined) options.push(bound, bound - 1, bound + 1, bound + 0.5);
      }
      options.push(Number.MAX_SAFE_INTEGER + 2, -Number.MAX_VALUE, 1e308, 0, -0);
    }
    if (type === 'array') {
      const max = schema.maxItems ?? 20;
      const item = schema.items ? this.valid(schema.items) : 'x';
      options.push(
        Array.from({ length: max }, () => item),
        Array.from({ length: max + 1 }, () => item),
        [],
      );
    }
    return rng.pick(options);
  }

  /** A value of another JSON type than the schema wants. */
  wrongType(schema: JsonSchema): unknown {
    const type = primaryType(this.model.resolve(schema));
    const others: unknown[] = ['a string', 12345, -1.5, true, null, [], [1, 'two'], {}, { nested: { deeper: [] } }];
    const typeOf = (value: unknown) =>
      value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? 'number' : typeof value;
    return this.rng.pick(others.filter((value) => typeOf(value) !== (type === 'integer' ? 'number' : type)));
  }

  /** Any JSON value at all, up to a small depth. */
  randomJson(depth = 0): unknown {
    const { rng } = this;
    const kind = depth > 3 ? rng.int(0, 3) : rng.int(0, 5);
    if (kind === 0) return rng.pick(hostileStrings);
    if (kind === 1) return rng.pick([0, -1, 1.5, 1e21, -1e-7, Number.MAX_SAFE_INTEGER]);
    if (kind === 2) return rng.pick([true, false]);
    if (kind === 3) return null;
    if (kind === 4) return Array.from({ length: rng.int(0, 4) }, () => this.randomJson(depth + 1));
    const out: Record<string, unknown> = {};
    for (let i = rng.int(0, 4); i > 0; i--) out[rng.pick(hostileStrings).slice(0, 20) || 'k'] = this.randomJson(depth + 1);
    return out;
  }
}

function primaryType(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null') ?? 'null';
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  return undefined;
}
