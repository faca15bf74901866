// Hostile requests for one OpenAPI operation: junk path parameters, query values at and past
// their limits, tampered cursors, unknown parameters, random and malformed bodies, deep
// nesting, huge strings, prototype-pollution keys, wrong media types, and every kind of key.
import { hostileStrings, type Rng, stringOfLength, type ValueGenerator } from './fuzz-values.js';
import { fillPath, type JsonSchema, type OpenApiModel, type Operation, type Parameter } from './openapi-model.js';

export type KeyKind = 'none' | 'unknown' | 'malformed' | 'revoked' | 'admin' | 'editor' | 'partner';
export const keyKinds: readonly KeyKind[] = ['none', 'unknown', 'malformed', 'revoked', 'admin', 'editor', 'partner'];

export interface FuzzContext {
  model: OpenApiModel;
  rng: Rng;
  values: ValueGenerator;
  /** The Authorization header for each kind of key; absent for `none`. */
  authorization: Record<Exclude<KeyKind, 'none'>, string>;
  /** Good values for a path parameter of an operation's path (seeded ids and slugs of what it names). */
  pathSeeds: (path: string, name: string) => readonly string[];
  /** Real cursors harvested from first pages, by operation path. */
  cursors: Record<string, readonly string[]>;
  bodyLimit: number;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** What was done to the request, for the failure message. */
  label: string;
}

/** Path segments that have confused routers and decoders, sent as they are (not encoded). */
const rawSegments = ['..', '.', '%00', '%', '%zz', '%2e%2e', '%2F', 'a%2Fb', '%c0%ae', '%ff', '%E2%80%AE', '%F0%9F%A6%86', ''];
const mediaTypes = [
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/jsonx',
  'application/vnd.api+json',
  'x/y;;;=',
  '*/*',
];
const malformedJson = [
  '{',
  '{"a":',
  '[1,]',
  "{'a':1}",
  'NaN',
  '\uFEFF{}',
  '',
  'null',
  '"string"',
  '1',
  '{"a":1}{"b":2}',
  '\u0000',
];
const pollutionKeys = ['__proto__', 'constructor', 'prototype'];

/** Header values must be printable ASCII, or inject itself throws. */
function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '?').slice(0, 4000);
}

/** Percent-encodes a path segment; a lone surrogate becomes the invalid UTF-8 a careless client sends. */
export function encodeSegment(value: string): string {
  return value
    .split(/([\uD800-\uDFFF])/)
    .map((part) => (/^[\uD800-\uDFFF]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
}

export function serialize(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** JSON text with a prototype-pollution key added to every object, at every level. */
export function pollutedJson(value: unknown, rng: Rng): string {
  if (Array.isArray(value)) return `[${value.map((item) => pollutedJson(item, rng)).join(',')}]`;
  if (value === null || typeof value !== 'object') return serialize(value);
  const key = rng.pick(pollutionKeys);
  const poison = key === '__proto__' ? '{"fuzzPolluted":"yes"}' : '{"prototype":{"fuzzPolluted":"yes"},"fuzzPolluted":"yes"}';
  const entries = Object.entries(value).map(([name, item]) => `${JSON.stringify(name)}:${pollutedJson(item, rng)}`);
  entries.splice(rng.int(0, entries.length), 0, `${JSON.stringify(key)}:${poison}`);
  return `{${entries.join(',')}}`;
}

/** 10,000 levels of arrays or objects, as JSON text (too deep for any recursive walker). */
export function deeplyNested(levels: number, rng: Rng): string {
  return rng.chance(0.5) ? `${'['.repeat(levels)}1${']'.repeat(levels)}` : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

function pathValue(context: FuzzContext, path: string, parameter: Parameter, junk: boolean): { value: string; label: string } {
  const { rng, values } = context;
  if (!junk) {
    const seeds = context.pathSeeds(path, parameter.name);
    if (seeds && seeds.length > 0 && rng.chance(0.8)) return { value: encodeSegment(rng.pick(seeds)), label: 'seeded' };
    return { value: encodeSegment(String(values.valid(parameter.schema))), label: 'valid' };
  }
  const kind = rng.int(0, 3);
  if (kind === 0) return { value: rng.pick(rawSegments), label: 'raw junk' };
  if (kind === 1) return { value: encodeSegment(rng.pick(hostileStrings)), label: 'hostile' };
  if (kind === 2) return { value: encodeSegment(stringOfLength(rng, rng.pick([199, 200, 201, 1000, 9000]))), label: 'long' };
  return { value: encodeSegment(String(values.edge(parameter.schema))), label: 'edge' };
}

function tamperedCursor(context: FuzzContext, path: string): string {
  const { rng } = context;
  const cursors = [...(context.cursors[path] ?? []), ...Object.values(context.cursors).flat()];
  const real = cursors.length > 0 ? rng.pick(cursors) : 'eyJhIjoxfQ.c2ln';
  const [data = '', signature = ''] = real.split('.');
  const forged = Buffer.from(JSON.stringify(['x', { at: -1, pk: '1 OR 1' }])).toString('base64url');
  return rng.pick([
    real,
    `${real}x`,
    real.slice(0, -1),
    `${data}.`,
    `.${signature}`,
    `${forged}.${signature}`,
    `${data}.${signature}.${signature}`,
    `${data.slice(0, -2)}AA.${signature}`,
    `${Buffer.from('not json').toString('base64url')}.${signature}`,
    'a'.repeat(512),
    'a'.repeat(513),
  ]);
}

function queryString(context: FuzzContext, operation: Operation, mutate: boolean): { query: string; label: string } {
  const { rng, values } = context;
  const pairs: [string, string][] = [];
  const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  for (const parameter of queryParameters) {
    if (parameter.required || rng.chance(0.4)) pairs.push([parameter.name, String(values.valid(parameter.schema))]);
  }
  let label = 'valid query';
  if (mutate) {
    const kind = rng.int(0, 5);
    const target = queryParameters.length > 0 ? rng.pick(queryParameters) : null;
    if (kind <= 1 && target) {
      const edge = values.edge(target.schema);
      pairs.push([target.name, typeof edge === 'string' ? edge : serialize(edge)]);
      label = `edge ${target.name}`;
    } else if (kind === 2 && target) {
      const cursor = queryParameters.find((parameter) => parameter.name === 'cursor');
      if (cursor) pairs.push(['cursor', tamperedCursor(context, operation.path)]);
      else pairs.push([target.name, 'a'], [target.name, 'b']);
      label = cursor ? 'tampered cursor' : `repeated ${target.name}`;
    } else if (kind === 3) {
      pairs.push([rng.pick(['unknown', 'limit[]', '__proto__', 'constructor[prototype][fuzzPolluted]', '', 'q\u0000']), 'yes']);
      label = 'unknown parameter';
    } else {
      return {
        query: rng.pick(['?%zz', '?&&&=', '?a[b][c]=d', '?=x', '?limit=1&limit=999', '?%00=%00', '?;']),
        label: 'raw query',
      };
    }
  }
  const search = new URLSearchParams(pairs).toString();
  return { query: search ? `?${search}` : '', label };
}

function validBody(context: FuzzContext, schema: JsonSchema): unknown {
  return context.values.valid(schema);
}

/** One field of a valid object body changed: to the wrong type, an edge value, or removed. */
function oneFieldWrong(context: FuzzContext, schema: JsonSchema): { body: unknown; label: string } {
  const { rng, values, model } = context;
  const body = validBody(context, schema);
  const resolved = model.resolve(schema);
  const union = resolved.anyOf ?? resolved.oneOf;
  const objectSchema = union ? model.resolve(union[0] ?? resolved) : resolved;
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !objectSchema.properties) {
    return { body: values.wrongType(schema), label: 'wrong type' };
  }
  const record = body as Record<string, unknown>;
  const names = Object.keys(objectSchema.properties);
  const name = rng.pick(names);
  const property = objectSchema.properties[name] ?? {};
  const kind = rng.int(0, 2);
  if (kind === 0) record[name] = values.wrongType(property);
  else if (kind === 1) record[name] = values.edge(property);
  else delete record[name];
  return { body: record, label: `${['wrong type', 'edge', 'missing'][kind]} ${name}` };
}

function hugeBody(context: FuzzContext, schema: JsonSchema): { payload: string; label: string } {
  const { rng } = context;
  const over = rng.chance(0.5);
  const target = over ? context.bodyLimit + rng.int(1, 1024) : context.bodyLimit - rng.int(64, 2048);
  const base = validBody(context, schema);
  const record = base !== null && typeof base === 'object' && !Array.isArray(base) ? (base as Record<string, unknown>) : {};
  const names = Object.keys(record);
  const field = names.length > 0 ? rng.pick(names) : 'huge';
  record[field] = '';
  const room = Math.max(target - serialize(record).length, 0);
  record[field] = rng.chance(0.5) ? 'x'.repeat(room) : 'é'.repeat(Math.floor(room / 2));
  return { payload: serialize(record), label: `${over ? 'over' : 'near'} body limit in ${field}` };
}

function body(context: FuzzContext, schema: JsonSchema): { payload: string; contentType: string | null; label: string } {
  const { rng, values } = context;
  const json = 'application/json';
  switch (rng.int(0, 9)) {
    case 0:
      return { payload: serialize(validBody(context, schema)), contentType: json, label: 'valid body' };
    case 1:
    case 2: {
      const wrong = oneFieldWrong(context, schema);
      return { payload: serialize(wrong.body), contentType: json, label: wrong.label };
    }
    case 3:
      return { payload: serialize(values.randomJson()), contentType: json, label: 'random JSON' };
    case 4: {
      const base = validBody(context, schema);
      const nested = deeplyNested(10_000, rng);
      const record = base !== null && typeof base === 'object' && !Array.isArray(base) ? base : {};
      const names = Object.keys(record);
      if (names.length === 0 || rng.chance(0.3)) return { payload: nested, contentType: json, label: 'deep nesting' };
      const field = rng.pick(names);
      const text = serialize({ ...record, [field]: null }).replace(`"${field}":null`, `"${field}":${nested}`);
      return { payload: text, contentType: json, label: `deep nesting in ${field}` };
    }
    case 5: {
      const huge = hugeBody(context, schema);
      return { ...huge, contentType: json };
    }
    case 6:
      return { payload: pollutedJson(validBody(context, schema), rng), contentType: json, label: 'prototype pollution' };
    case 7:
      return {
        payload: rng.chance(0.5) ? serialize(validBody(context, schema)) : 'a=1&b=2',
        contentType: rng.pick(mediaTypes),
        label: 'wrong media type',
      };
    case 8:
      return { payload: rng.pick(malformedJson), contentType: json, label: 'malformed JSON' };
    default:
      return { payload: serialize(validBody(context, schema)), contentType: null, label: 'no content type' };
  }
}

/** One hostile request for the operation, with the given kind of key. */
export function fuzzRequest(context: FuzzContext, operation: Operation, key: KeyKind): FuzzRequest {
  const { rng } = context;
  const labels: string[] = [`key ${key}`];
  const focus = rng.pick(['path', 'query', 'body', 'headers', 'body', 'query']);
  const segments: Record<string, string> = {};
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  const junkPath = pathParameters.length > 0 && (focus === 'path' || rng.chance(0.1)) ? rng.pick(pathParameters) : null;
  for (const parameter of pathParameters) {
    const chosen = pathValue(context, operation.path, parameter, parameter === junkPath);
    segments[parameter.name] = chosen.value;
    if (parameter === junkPath) labels.push(`path ${parameter.name} ${chosen.label}`);
  }
  const query = queryString(context, operation, focus === 'query' || rng.chance(0.1));
  labels.push(query.label);
  const headers: Record<string, string> = {};
  if (key !== 'none') headers.authorization = context.authorization[key];
  for (const parameter of operation.parameters.filter((item) => item.in === 'header')) {
    if (rng.chance(0.5)) {
      const value = focus === 'headers' ? context.values.edge(parameter.schema) : context.values.valid(parameter.schema);
      headers[parameter.name] = headerSafe(typeof value === 'string' ? value : serialize(value));
    }
  }
  if (focus === 'headers') {
    const name = rng.pick(['if-none-match', 'if-modified-since', 'accept', 'accept-encoding', 'x-forwarded-for', 'origin']);
    headers[name] = headerSafe(rng.pick([...hostileStrings, 'br;q=2, gzip;q=-1, *;q=nan', 'W/"x", *', '1.2.3.4, ::1, junk']));
    labels.push(`header ${name}`);
  }
  const request: FuzzRequest = {
    method: operation.method,
    url: fillPath(operation.path, segments) + query.query,
    headers,
    label: '',
  };
  if (operation.body) {
    const chosen = body(context, operation.body);
    request.payload = chosen.payload;
    if (chosen.contentType) headers['content-type'] = chosen.contentType;
    labels.push(chosen.label);
  } else if (rng.chance(0.1)) {
    request.payload = rng.chance(0.5) ? '{"unexpected":"body"}' : deeplyNested(10_000, rng);
    headers['content-type'] = 'application/json';
    labels.push('body where none is expected');
  }
  request.label = labels.join(', ');
  return request;
}
