// Every GET that sends a validator says in the OpenAPI document that it answers 304, and does:
// developers learn conditional requests from the Swagger UI, and partners' feed readers rely on them.
import t from 'tap';
import { buildTestApp } from '../helpers/app.js';

interface Operation {
  responses: Record<string, unknown>;
  security?: unknown[];
}

t.test('a GET documents 304 exactly when it sends an ETag, and answers If-None-Match with it', async (t) => {
  const { app, clock } = await buildTestApp(t);
  const document = app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
  const article = (await app.inject({ url: '/v1/articles?limit=1' })).json().data[0];
  const city = (await app.inject({ url: '/v1/cities?limit=1' })).json().data[0];
  const values: Record<string, string> = { idOrSlug: article.slug, slug: article.slug };
  let conditional = 0;
  for (const [path, operations] of Object.entries(document.paths)) {
    const operation = operations.get;
    if (!operation) continue;
    const url = path
      .replace('/v1/cities/{slug}', `/v1/cities/${city.slug}`)
      .replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? name);
    const first = await app.inject({ url });
    // Partner and editor operations need a key; their answers are never shared, so never cached.
    if (first.statusCode === 401) continue;
    t.equal(first.statusCode, 200, `GET ${url}`);
    const etag = first.headers.etag;
    t.equal('304' in operation.responses, typeof etag === 'string', `GET ${path}: 304 documented iff an ETag is sent`);
    if (typeof etag !== 'string') continue;
    const again = await app.inject({ url, headers: { 'if-none-match': etag } });
    t.equal(again.statusCode, 304, `GET ${url} with If-None-Match`);
    t.equal(again.body, '', 'no body');
    // Last-Modified is sent once the second it names has passed (the answer could change again within it).
    clock.advance(1000);
    const settled = await app.inject({ url });
    t.equal(settled.headers.etag, etag, `GET ${url}: the same answer a second later`);
    const lastModified = settled.headers['last-modified'];
    t.type(lastModified, 'string', `GET ${url}: Last-Modified`);
    const since = await app.inject({ url, headers: { 'if-modified-since': String(lastModified) } });
    t.equal(since.statusCode, 304, `GET ${url} with If-Modified-Since`);
    conditional += 1;
  }
  t.equal(conditional, 15, 'the fifteen cached GETs (the OpenAPI document among them)');
});
