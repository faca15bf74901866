// The one JSON body parser: application/json everywhere, and the text/plain of the views'
// beacons. Fastify's default parser with two differences. It says what is wrong: a body with a
// `__proto__` or `constructor.prototype` key is refused (secure-json-parse, as Fastify does),
// but Fastify called such a body "not valid JSON", though it is valid JSON, only refused. And
// it refuses text that UTF-8 cannot hold: a `\ud800` escape without its pair parses to a lone
// surrogate, which SQLite would store, and every answer would send, as U+FFFD: the text stored
// would not be the text sent, with no error to say so. For the same reason it reads the bytes
// itself: bytes that are not UTF-8 (a Latin-1 body, say) were decoded to U+FFFD and stored.
import type { FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { malformedBody } from './problems.js';

/** Refuses bytes that are not UTF-8 rather than replacing them; a byte order mark is dropped. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** An escape of a surrogate (\uD800-\uDFFF); only a body holding one needs its strings checked. */
const surrogateEscape = /\\u[dD][89a-fA-F]/;

/** A surrogate code point: with the `u` flag, a paired surrogate reads as the one character it makes. */
const loneSurrogate = /\p{Cs}/u;

interface Place {
  value: unknown;
  /** `[3]` or `.key`, after the parent's path. */
  step: string;
  parent: Place | null;
}

function pathOf(place: Place): string {
  const steps: string[] = [];
  for (let at: Place | null = place; at !== null; at = at.parent) steps.push(at.step);
  return steps.reverse().join('');
}

/**
 * The path of the first string (value or key) in `value` that is not well-formed UTF-16, or
 * null. A walk with a stack of its own, not recursion: a body nested ten thousand levels deep is
 * valid JSON, and recursing into it overflowed the call stack (a 500, found by the fuzz test).
 * Each place knows its parent, so a path is written only for what is found.
 */
function unpairedSurrogateAt(value: unknown, path: string): string | null {
  const stack: Place[] = [{ value, step: path, parent: null }];
  for (let place = stack.pop(); place !== undefined; place = stack.pop()) {
    const current = place.value;
    if (typeof current === 'string') {
      if (loneSurrogate.test(current)) return pathOf(place);
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    // Children pushed last first, so they are looked at in document order.
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) {
        stack.push({ value: current[index], step: `[${index}]`, parent: place });
      }
      continue;
    }
    const entries = Object.entries(current);
    if (entries.some(([key]) => loneSurrogate.test(key))) return pathOf(place);
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, item] = entries[index] as [string, unknown];
      stack.push({ value: item, step: `.${key}`, parent: place });
    }
  }
  return null;
}

export function parseJsonBody(
  request: FastifyRequest,
  body: string | Buffer,
  done: (error: Error | null, value?: unknown) => void,
) {
  let text: string;
  try {
    text = typeof body === 'string' ? body : utf8.decode(body);
  } catch {
    return done(malformedBody('The body is not UTF-8 text (JSON is UTF-8); its bytes would be stored as other characters.'));
  }
  if (text.length === 0) {
    // Some clients send their Content-Type on every request: a DELETE has no body to read.
    if (request.routeOptions.schema?.body === undefined) return done(null, undefined);
    return done(malformedBody('The body is empty, but its content-type says JSON.'));
  }
  let value: unknown;
  try {
    value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const forbidden = error instanceof SyntaxError && error.message.includes('forbidden');
    return done(
      malformedBody(
        forbidden
          ? 'The body holds a "__proto__" or "constructor.prototype" key, which is refused.'
          : 'The body is not valid JSON, but its content-type says JSON.',
      ),
    );
  }
  if (surrogateEscape.test(text)) {
    const at = unpairedSurrogateAt(value, 'body');
    if (at !== null)
      return done(
        malformedBody(`${at} holds an unpaired surrogate (a \\uD800-\\uDFFF escape without its pair), which is not text.`),
      );
  }
  done(null, value);
}
