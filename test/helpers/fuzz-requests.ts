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
  /** Good values for path parameters by name (seeded ids and slugs). */
  pathSeeds: Record<string, readonly string[]>;
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
function encodeSegment(value: string): string {
  return value
    .split(/([\uD800-\uDFFF])/)
    .map((part) => (/^[\uD800-\uDFFF]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
}

function serialize(value: unknown): string {
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

function pathValue(context: FuzzContext, parameter: Parameter, junk: boolean): { value: string; label: string } {
  const { rng, values } = context;
  if (!junk) {
    const seeds = context.pathSeeds[parameter.name];
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
    const chosen = pathValue(context, parameter, parameter === junkPath);
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

/** Where a value sits in a JSON body: the keys and indexes leading to it. */
type Slot = (string | number)[];

/** Every place in a (valid) body a value sits, down to the leaves, first array items only. */
function slotsOf(value: unknown, prefix: Slot = []): Slot[] {
  if (Array.isArray(value)) return value.length > 0 ? [prefix, ...slotsOf(value[0], [...prefix, 0])] : [prefix];
  if (value === null || typeof value !== 'object') return [prefix];
  const inner = Object.entries(value).flatMap(([key, item]) => slotsOf(item, [...prefix, key]));
  return prefix.length === 0 ? inner : [prefix, ...inner];
}

function hasSlot(value: unknown, slot: Slot): boolean {
  let current: unknown = value;
  for (const key of slot.slice(0, -1)) {
    if (current === null || typeof current !== 'object') return false;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current !== null && typeof current === 'object';
}

function withValueAt(base: unknown, slot: Slot, value: unknown): unknown {
  const copy = structuredClone(base);
  let parent: unknown = copy;
  for (const key of slot.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
  const last = slot[slot.length - 1];
  if (last !== undefined && parent !== null && typeof parent === 'object')
    (parent as Record<string | number, unknown>)[last] = value;
  return copy;
}

const wrongTypes: readonly unknown[] = [12345, -1.5, true, null, [], ['x'], {}, { nested: {} }, 'a string'];

/**
 * The systematic part of the fuzz: with an admin key (so every request reaches validation and
 * the handler), every path and query parameter of the operation set to every hostile string,
 * and every place in a valid body set to every hostile string (string places) or every other
 * JSON type. Random requests add the combinations; this makes sure each single value is tried.
 */
export function* sweepRequests(context: FuzzContext, operation: Operation): Generator<FuzzRequest> {
  const { values } = context;
  const headers = { authorization: context.authorization.admin };
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  const segmentsWith = (name: string | null, value: string) =>
    Object.fromEntries(
      pathParameters.map((parameter) => [
        parameter.name,
        parameter.name === name
          ? value
          : encodeSegment(context.pathSeeds[parameter.name]?.[0] ?? String(values.valid(parameter.schema))),
      ]),
    );
  const base = operation.body ? values.valid(operation.body) : undefined;
  const bodyOf = (payload: unknown) =>
    operation.body ? { payload: serialize(payload), headers: { ...headers, 'content-type': 'application/json' } } : { headers };
  for (const parameter of [...pathParameters, ...queryParameters]) {
    for (const hostile of hostileStrings) {
      const inPath = parameter.in === 'path';
      const url =
        fillPath(operation.path, segmentsWith(inPath ? parameter.name : null, encodeSegment(hostile))) +
        (inPath ? '' : `?${new URLSearchParams([[parameter.name, hostile]]).toString()}`);
      yield { method: operation.method, url, ...bodyOf(base), label: `sweep ${parameter.in} ${parameter.name}` };
    }
  }
  const bodySchema = operation.body;
  if (base === undefined || bodySchema === null) return;
  const url = fillPath(operation.path, segmentsWith(null, ''));
  for (const slot of slotsOf(base)) {
    let current: unknown = base;
    for (const key of slot) current = (current as Record<string | number, unknown>)[key];
    const replacements = typeof current === 'string' ? [...hostileStrings, ...wrongTypes.slice(0, 4)] : wrongTypes;
    for (const replacement of replacements) {
      // A fresh valid body for each request where it has the slot, so the other fields (a slug,
      // say) differ and a request with an odd but valid value can reach the insert.
      const fresh = values.valid(bodySchema);
      yield {
        method: operation.method,
        url,
        ...bodyOf(withValueAt(hasSlot(fresh, slot) ? fresh : base, slot, replacement)),
        label: `sweep body ${slot.join('.')}`,
      };
    }
  }
}
