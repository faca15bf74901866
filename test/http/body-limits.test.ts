import t, { type Test } from 'tap';
import { articleBody, buildTestApp } from '../helpers/app.js';

// The documented contract (README.md, Limits, "Body size"), written out rather than imported
// from src: a limit changed in src fails here until the documentation changes with it.
const smallBodyLimitBytes = 16 * 1024;
const viewsBodyLimitBytes = 512 * 1024;
const maxViewBatch = 1000;
/** Article writes take BODY_LIMIT_BYTES: set low here, so a test body need not be a megabyte. */
const articleLimit = 8 * 1024;

/** A JSON object of exactly `bytes` bytes. */
function jsonOfSize(bytes: number): string {
  const empty = '{"pad":""}';
  return `{"pad":"${'x'.repeat(bytes - empty.length)}"}`;
}

function assertTooLarge(t: Test, res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, what: string) {
  t.equal(res.statusCode, 413, `${what}: 413`);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', `${what}: problem+json`);
  t.match(res.json(), { status: 413, title: 'Content Too Large', type: 'urn:content-api:problem:content-too-large' });
}

t.test('each write route has a body limit fitted to what it accepts', async (t) => {
  const { app, auth } = await buildTestApp(t, { config: { BODY_LIMIT_BYTES: articleLimit } });
  const json = { ...auth('editor'), 'content-type': 'application/json' };
  const first = (await app.inject({ url: '/v1/articles?limit=2' })).json().data as Array<{ id: string; slug: string }>;
  const [article, other] = first;
  if (!article || !other) throw new Error('demo articles expected');

  const writes = [
    { method: 'POST', url: '/v1/articles', limit: articleLimit },
    { method: 'PATCH', url: `/v1/articles/${article.id}`, limit: articleLimit },
    { method: 'PUT', url: `/v1/articles/${article.id}/related`, limit: smallBodyLimitBytes },
    { method: 'POST', url: '/v1/cities', limit: smallBodyLimitBytes },
    { method: 'POST', url: '/v1/cities/delhi/observations', limit: smallBodyLimitBytes },
    { method: 'POST', url: '/v1/views', limit: viewsBodyLimitBytes },
  ] as const;
  for (const { method, url, limit } of writes) {
    const over = await app.inject({ method, url, headers: json, payload: jsonOfSize(limit + 1) });
    assertTooLarge(t, over, `${method} ${url} with ${limit + 1} bytes`);
    // At the limit the body is read and validated: a 400 for the padding, not a 413.
    const at = await app.inject({ method, url, headers: json, payload: jsonOfSize(limit) });
    t.equal(at.statusCode, 400, `${method} ${url} with ${limit} bytes is read`);
  }

  // The largest valid bodies fit.
  const long = 'Words of a long article. '.repeat(Math.floor((articleLimit - 1000) / 25));
  const created = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ body: [{ type: 'paragraph', text: long }] }),
  });
  t.equal(created.statusCode, 201, 'an article just under the configured limit is created');
  const related = await app.inject({
    method: 'PUT',
    url: `/v1/articles/${article.id}/related`,
    headers: auth('editor'),
    payload: { articleIds: [other.id] },
  });
  t.equal(related.statusCode, 200);
  const event = { article: `${'a'.repeat(119)}b`, visitorId: 'v'.repeat(200) };
  const batch = JSON.stringify({ events: Array.from({ length: maxViewBatch }, () => event) });
  t.ok(batch.length > 300 * 1024, `a full batch of the longest events is ${batch.length} bytes`);
  const views = await app.inject({ method: 'POST', url: '/v1/views', headers: { 'content-type': 'text/plain' }, payload: batch });
  t.equal(views.statusCode, 202, 'a full batch of the longest events fits');
  t.same(views.json(), { accepted: 0, rejected: maxViewBatch });
});

t.test('a declared Content-Length over the limit is refused before the body is read', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const res = await app.inject({
    method: 'POST',
    url: '/v1/cities',
    headers: { ...auth('editor'), 'content-type': 'application/json', 'content-length': String(smallBodyLimitBytes * 100) },
    payload: '{}',
  });
  assertTooLarge(t, res, 'a large Content-Length');
});
