import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import t from 'tap';
import { renderOpenApi } from '../../src/operations/openapi-document.js';
import { buildTestApp } from '../helpers/app.js';

interface Operation {
  requestBody?: { content?: Record<string, { schema?: { $ref?: string; example?: unknown } }> };
}

/** True when the response's own schema, or the component it names, carries an example. */
function hasExample(response: unknown, document: { components: { schemas: Record<string, Record<string, unknown>> } }): boolean {
  const content = (response as { content?: Record<string, { schema?: Record<string, unknown> }> }).content ?? {};
  return Object.values(content).some(({ schema }) => {
    if (!schema) return false;
    const ref = typeof schema.$ref === 'string' ? document.components.schemas[schema.$ref.split('/').at(-1) ?? ''] : schema;
    return ref !== undefined && ('example' in ref || 'examples' in ref);
  });
}

t.test('health, readiness and metrics', async (t) => {
  const { app, database } = await buildTestApp(t, { demo: false });
  t.same((await app.inject({ url: '/healthz' })).json(), { status: 'ok' });
  t.same((await app.inject({ url: '/readyz' })).json(), { status: 'ok' });
  await app.inject({ url: '/v1/sections' });
  await app.inject({ url: '/v1/sections' });
  await app.inject({ url: '/v1/articles/no-such-article' });
  await app.inject({ url: '/no/such/route' });
  const metrics = await app.inject({ url: '/metrics' });
  t.equal(metrics.statusCode, 200);
  t.match(metrics.headers['content-type'], /^text\/plain/);
  t.match(metrics.body, /http_request_duration_seconds_bucket\{[^}]*route="\/v1\/sections"/);
  // Timed by route and status; URLs no route matched are not, and neither are the operator routes.
  t.match(metrics.body, /http_request_duration_seconds_count\{method="GET",route="\/v1\/sections",status_code="200"\} 2\n/);
  t.match(
    metrics.body,
    /http_request_duration_seconds_count\{method="GET",route="\/v1\/articles\/:idOrSlug",status_code="404"\} 1\n/,
  );
  t.notMatch(metrics.body, /route="\/no\/such\/route"|route="\/healthz"/);
  t.match(metrics.body, /process_cpu_seconds_total/);
  // A newer version's migration applied to the file (by its import command, say): this code does not know that schema.
  database.sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('a newer version', 0)").run();
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 503, 'not ready on a schema newer than the code');
  database.sqlite.prepare("DELETE FROM __drizzle_migrations WHERE hash = 'a newer version'").run();
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 200);
  database.close();
  const notReady = await app.inject({ url: '/readyz' });
  t.equal(notReady.statusCode, 503);
  t.equal(notReady.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'alive while not ready');
});

t.test('the Swagger UI and the OpenAPI document', async (t) => {
  const { app } = await buildTestApp(t, { demo: false });
  const docs = await app.inject({ url: '/docs/' });
  t.equal(docs.statusCode, 200);
  t.match(docs.body, /swagger-ui/i);
  const res = await app.inject({ url: '/openapi.json' });
  t.equal(res.statusCode, 200);
  t.match(res.headers.etag, /^"[\w-]+"$/, 'an ETag');
  t.match(res.headers['cache-control'], /^public, max-age=\d+$/);
  const again = await app.inject({ url: '/openapi.json', headers: { 'if-none-match': String(res.headers.etag) } });
  t.equal(again.statusCode, 304, 'revalidated without the document');
  const compressed = await app.inject({ url: '/openapi.json', headers: { 'accept-encoding': 'br' } });
  t.equal(compressed.headers['content-encoding'], 'br');
  t.ok(Number(compressed.headers['content-length']) < res.body.length / 4, 'compressed');
  const document = res.json();
  t.equal(document.openapi, '3.1.0');
  const operationIds: string[] = [];
  for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, Record<string, unknown>>>)) {
    for (const [method, operation] of Object.entries(operations)) {
      t.ok(operation.summary, `${method} ${path} has a summary`);
      t.ok((operation.tags as string[])?.length, `${method} ${path} has tags`);
      const responses = operation.responses as Record<string, unknown>;
      const success = Object.entries(responses).find(([status]) => status.startsWith('2'));
      t.ok(success, `${method} ${path} documents its success response`);
      t.not(
        (success?.[1] as { description?: string } | undefined)?.description,
        'Default Response',
        `${method} ${path} says what its success is`,
      );
      if (success?.[0] !== '204') t.ok(hasExample(success?.[1], document), `${method} ${path} has an example`);
      const name = `${method} ${path}`;
      t.match(operation.operationId, /^[a-z][A-Za-z0-9]+$/, `${name} has an operationId`);
      operationIds.push(operation.operationId as string);
      for (const [status, response] of Object.entries(responses as Record<string, { content?: object; headers?: object }>)) {
        if (Number(status) < 400) continue;
        t.same(Object.keys(response.content ?? {}), ['application/problem+json'], `${name} ${status} is problem+json`);
        if (status === '429' || status === '503')
          t.ok(response.headers && 'Retry-After' in response.headers, `${name} ${status}: Retry-After`);
      }
      if (path.startsWith('/v1/')) t.ok('503' in responses, `${name} documents the 503 of an overload`);
      const cached = responses['200'] as { headers?: object } | undefined;
      if ('304' in responses)
        t.ok(cached?.headers && 'ETag' in cached.headers && 'Last-Modified' in cached.headers, `${name}: validators`);
    }
  }
  t.equal(new Set(operationIds).size, operationIds.length, 'operationIds are unique');
  t.ok(document.components.schemas.Article, 'reused schemas are components');
  t.ok(document.components.schemas.Article.example, 'with an example');
  t.ok(document.paths['/v1/articles'].post.requestBody, 'request bodies are described');
  for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json'])
    t.ok(document.paths[path]?.get, `the operator route ${path} is described too`);
  t.ok(document.paths['/metrics'].get.responses['200'].content['text/plain'], 'metrics are Prometheus text');
});

t.test('every example in the OpenAPI document fits the schema it illustrates, and every component is used', async (t) => {
  const document = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const { components } = document;
  let checked = 0;
  const check = (schema: Record<string, unknown>, example: unknown, where: string) => {
    const { example: _example, examples: _examples, ...rest } = schema;
    const validate = ajv.compile({ ...rest, components });
    t.ok(validate(example), `${where}: ${ajv.errorsText(validate.errors)}`);
    checked += 1;
  };
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${where}/${index}`);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const object = node as Record<string, unknown>;
    if ('in' in object && 'schema' in object && 'example' in object) {
      check(object.schema as Record<string, unknown>, object.example, where);
    } else if ('example' in object && !('content' in object)) check(object, object.example, where);
    for (const [key, value] of Object.entries(object))
      if (key !== 'example' && key !== 'examples') walk(value, `${where}/${key}`);
  };
  walk(document.paths, '#/paths');
  walk(components.schemas, '#/components/schemas');
  t.ok(checked > 30, `examples checked: ${checked}`);

  const text = JSON.stringify({ ...document, components: { ...components, schemas: {} } });
  const referred = new Set<string>();
  let pending = [...text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => String(match[1]));
  while (pending.length > 0) {
    const name = String(pending.pop());
    if (referred.has(name)) continue;
    referred.add(name);
    const inner = JSON.stringify(components.schemas[name] ?? {});
    pending = [...pending, ...[...inner.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => String(match[1]))];
  }
  t.same(Object.keys(components.schemas).sort(), [...referred].sort(), 'no component schema without an operation using it');
  t.notOk(
    Object.keys(components.schemas).some((name) => name.endsWith('Input') && !(name.replace(/Input$/, '') in components.schemas)),
    'a request form used alone has the plain name',
  );
});

t.test('the document is valid OpenAPI 3.1 where tools trip: no two paths alike but for parameter names', async (t) => {
  const document = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'));
  const templates = Object.keys(document.paths).map((path) => path.replace(/\{[^}]+\}/g, '{}'));
  t.same(
    templates.filter((template, index) => templates.indexOf(template) !== index),
    [],
    'templated paths differing only in a parameter name are one path (OpenAPI 3.1, Paths Object)',
  );
  for (const [path, operations] of Object.entries(
    document.paths as Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>,
  )) {
    const named = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'path')
        .map((p) => p.name)
        .sort();
      t.same(parameters, named, `${method.toUpperCase()} ${path}: its path parameters are the template's`);
    }
  }
  t.ok(document.paths['/v1/articles/{idOrSlug}'].patch, "an article's writes are under its reads' path");
});

t.test('every request example of the document does what it shows on the demo service ("Try it out")', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const document = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'));
  // Path parameters as a developer trying the demo fills them in.
  const demoValues: Record<string, string> = { id: 'demo_001', idOrSlug: 'demo_001', slug: 'delhi' };
  let tried = 0;
  for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
    for (const [method, operation] of Object.entries(operations)) {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      if (!schema) continue;
      const component = schema.$ref ? document.components.schemas[schema.$ref.split('/').at(-1) ?? ''] : schema;
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => demoValues[name] ?? name);
      const headers = { ...auth('admin'), 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' };
      const res = await app.inject({ method: method.toUpperCase() as 'POST', url, headers, payload: component.example });
      t.ok(
        res.statusCode >= 200 && res.statusCode < 300,
        `${method.toUpperCase()} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`,
      );
      if (path === '/v1/views') t.match(res.json(), { accepted: 1, rejected: 0 }, 'the example view is counted');
      tried += 1;
    }
  }
  t.equal(tried, 6, 'every operation with a body');
});

t.test('openapi/openapi.json is what the code generates', async (t) => {
  const committed = readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8');
  t.equal(committed, await renderOpenApi(), 'run `npm run openapi` and commit the result');
});
