// The systematic part of the fuzz: each hostile value tried once in each place it can go.
import { encodeSegment, type FuzzContext, type FuzzRequest, serialize } from './fuzz-requests.js';
import { hostileStrings } from './fuzz-values.js';
import { fillPath, type Operation } from './openapi-model.js';

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
          : encodeSegment(context.pathSeeds(operation.path, parameter.name)[0] ?? String(values.valid(parameter.schema))),
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
