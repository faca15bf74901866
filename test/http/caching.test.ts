import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import t from 'tap';
import { articleBody, buildTestApp } from '../helpers/app.js';

t.test('public GETs carry ETag, Cache-Control and Last-Modified, and answer 304', async (t) => {
  const { app, clock } = await buildTestApp(t);
  for (const url of ['/v1/articles', '/v1/articles/demo_001', '/v1/sections', '/v1/tags', '/v1/articles?q=bank']) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 200, url);
    t.match(res.headers.etag, /^"[^"]+"$/, `${url} has a strong ETag`);
    // A search looks for new matches every 10 s, and is reused downstream no longer.
    t.equal(res.headers['cache-control'], `public, max-age=${url.includes('q=') ? 10 : 60}`, url);
    const again = await app.inject({ url, headers: { 'if-none-match': res.headers.etag as string } });
    t.equal(again.statusCode, 304, `${url} If-None-Match`);
    t.equal(again.body, '');
    t.equal(again.headers.etag, res.headers.etag);
    const other = await app.inject({ url, headers: { 'if-none-match': '"something-else"' } });
    t.equal(other.statusCode, 200);
  }
  // Last-Modified is sent once the second of the last change (the demo's) has passed.
  clock.advance(1000);
  const article = await app.inject({ url: '/v1/articles/demo_001' });
  const lastModified = article.headers['last-modified'] as string;
  t.ok(Date.parse(lastModified) >= Date.parse(article.json().updatedAt), 'never earlier than the article itself');
  t.equal((await app.inject({ url: '/v1/articles/demo_001', headers: { 'if-modified-since': lastModified } })).statusCode, 304);
  const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
  t.equal((await app.inject({ url: '/v1/articles/demo_001', headers: { 'if-modified-since': earlier } })).statusCode, 200);
  // Only an HTTP date counts, and not one still to come: it would hide every change until then.
  for (const since of ['2100', '2099-01-01T00:00:00Z', new Date(clock.now() + 86_400_000).toUTCString()])
    t.equal(
      (await app.inject({ url: '/v1/articles/demo_001', headers: { 'if-modified-since': since } })).statusCode,
      200,
      `If-Modified-Since: ${since} is ignored`,
    );
});

t.test('Accept-Encoding is read as the compression plugin reads it: one coding, one ETag, whatever the spelling', async (t) => {
  const { app } = await buildTestApp(t);
  const url = '/v1/articles?limit=50';
  const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
  const identity = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
  t.equal(gzip.headers['content-encoding'], 'gzip');
  t.equal(identity.headers['content-encoding'], undefined);
  for (const spelling of ['GZIP', 'x-gzip', 'Gzip;q=1, identity;q=0.5', '*', 'identity, gzip;q=0.5', '*;q=0.1, identity']) {
    const res = await app.inject({ url, headers: { 'accept-encoding': spelling } });
    t.equal(res.headers['content-encoding'], 'gzip', `${spelling}: gzip`);
    t.equal(res.headers.etag, gzip.headers.etag, `${spelling}: the gzip form's ETag, not the uncoded one's`);
    t.equal(res.headers.vary, 'Accept-Encoding, Authorization', `${spelling}: Vary named once`);
  }
  t.not(gzip.headers.etag, identity.headers.etag);
});

t.test('If-Modified-Since never hides a change: deletions, scheduled articles, "Read more" targets', async (t) => {
  const { app, auth, clock } = await buildTestApp(t);
  clock.advance(1000);
  const list = await app.inject({ url: '/v1/articles?limit=5' });
  const listSince = list.headers['last-modified'] as string;
  const host = await app.inject({ url: '/v1/articles/demo_002' });
  const hostSince = host.headers['last-modified'] as string;
  const target = host.json().body.find((block: { type: string }) => block.type === 'related');
  t.ok(target, 'demo_002 has a "Read more" box');
  clock.advance(5_000);
  await app.inject({ method: 'DELETE', url: `/v1/articles/${target.articleId}`, headers: auth('editor') });
  const hostAfter = await app.inject({ url: '/v1/articles/demo_002', headers: { 'if-modified-since': hostSince } });
  t.equal(hostAfter.statusCode, 200, 'the host article changed when its target was deleted');
  t.equal(
    hostAfter.json().body.filter((block: { type: string }) => block.type === 'related').length,
    host.json().body.filter((block: { type: string }) => block.type === 'related').length - 1,
  );
  const newest = list.json().data[0].id;
  clock.advance(5_000);
  await app.inject({ method: 'DELETE', url: `/v1/articles/${newest}`, headers: auth('editor') });
  const listAfter = await app.inject({ url: '/v1/articles?limit=5', headers: { 'if-modified-since': listSince } });
  t.equal(listAfter.statusCode, 200, 'the list changed when its newest article was deleted');

  clock.advance(1000);
  const before = await app.inject({ url: '/v1/articles?limit=5' });
  const scheduled = (await app.inject({ url: '/v1/articles?status=scheduled', headers: auth('editor') })).json().data[0];
  clock.current = Date.parse(scheduled.publishedAt) + 1_000;
  const due = await app.inject({
    url: '/v1/articles?limit=5',
    headers: { 'if-modified-since': before.headers['last-modified'] as string },
  });
  t.equal(due.statusCode, 200, 'a scheduled article coming due changes the list');
  t.equal(due.json().data[0].id, scheduled.id);
});

t.test('an article scheduled after the last read still appears when due, and dates what a key reads', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  const create = (headline: string, publishedAt?: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: editor,
      payload: articleBody({ headline, ...(publishedAt ? { publishedAt } : {}) }),
    });
  t.equal((await create('Already out')).statusCode, 201);
  clock.advance(1000);
  const urls = ['/v1/articles?limit=5', '/v1/feeds/rss.xml', '/v1/feeds/feed.json'];
  for (const url of urls) t.equal((await app.inject({ url })).statusCode, 200, `${url} cached`);
  const keyed = await app.inject({ url: '/v1/feeds/rss.xml', headers: auth('partner') });
  const keyedSince = keyed.headers['last-modified'] as string;
  t.ok(keyedSince, 'a keyed read is dated too');

  const dueAt = clock.now() + 5 * 60_000;
  t.equal((await create('Out at ten past', new Date(dueAt).toISOString())).statusCode, 201);
  // Nothing is read between the write and the publication.
  clock.current = dueAt + 60_000;
  for (const url of urls) t.match((await app.inject({ url })).body, 'Out at ten past', `${url} shows it once due`);
  const keyedAfter = await app.inject({
    url: '/v1/feeds/rss.xml',
    headers: { ...auth('partner'), 'if-modified-since': keyedSince },
  });
  t.equal(keyedAfter.statusCode, 200, 'a keyed conditional read is not a 304 once it came due');
  t.ok(Date.parse(keyedAfter.headers['last-modified'] as string) >= Math.floor(dueAt / 1000) * 1000);
});

t.test('Last-Modified only once its second has passed: a change later in that second is never a 304', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { now: Date.parse('2026-03-02T12:00:05.100Z') });
  const url = '/v1/articles?limit=1';
  clock.current = Date.parse('2026-03-02T12:00:05.200Z');
  const first = await app.inject({ url });
  t.equal(first.headers['last-modified'], undefined, 'not while the second of the demo content lasts');
  t.equal(
    (await app.inject({ url, headers: { 'if-modified-since': 'Mon, 02 Mar 2026 12:00:05 GMT' } })).statusCode,
    200,
    'nor is If-Modified-Since answered with a 304 within it',
  );
  clock.current = Date.parse('2026-03-02T12:00:05.700Z');
  const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody() });
  t.equal(created.statusCode, 201);

  clock.current = Date.parse('2026-03-02T12:01:00Z');
  const later = await app.inject({ url });
  t.equal(later.json().data[0].id, created.json().id);
  t.equal(later.headers['last-modified'], 'Mon, 02 Mar 2026 12:00:05 GMT', 'sent once the second has passed');
  t.equal(
    (await app.inject({ url, headers: { 'if-modified-since': later.headers['last-modified'] as string } })).statusCode,
    304,
    'and a client holding this answer revalidates with it',
  );
});

t.test('each content coding has its own ETag, and any of them revalidates', async (t) => {
  const { app } = await buildTestApp(t);
  const plain = await app.inject({ url: '/v1/articles/demo_001' });
  const gzip = await app.inject({ url: '/v1/articles/demo_001', headers: { 'accept-encoding': 'gzip' } });
  const br = await app.inject({ url: '/v1/articles/demo_001', headers: { 'accept-encoding': 'br, gzip' } });
  t.equal(gzip.headers['content-encoding'], 'gzip');
  t.equal(br.headers['content-encoding'], 'br');
  t.equal(new Set([plain.headers.etag, gzip.headers.etag, br.headers.etag]).size, 3, 'three distinct strong ETags');
  t.equal(plain.headers.vary, 'Accept-Encoding, Authorization', 'a shared cache keeps it from keyed requests');
  const revalidated = await app.inject({
    url: '/v1/articles/demo_001',
    headers: { 'accept-encoding': 'gzip', 'if-none-match': gzip.headers.etag as string },
  });
  t.equal(revalidated.statusCode, 304);
  t.equal(revalidated.headers.etag, gzip.headers.etag);
});

t.test('authenticated answers are private, no-store', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const res = await app.inject({ url: '/v1/articles/demo_001', headers: auth('editor') });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['cache-control'], 'private, no-store');
  t.ok(res.headers.etag, 'editors get the ETag for If-Match');
  const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody() });
  t.equal(created.headers['cache-control'], 'private, no-store');
  const denied = await app.inject({ method: 'POST', url: '/v1/articles', payload: articleBody() });
  t.equal(denied.headers['cache-control'], 'no-store');
});

t.test('a read after a write is never stale', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const before = await app.inject({ url: '/v1/articles/demo_001' });
  const listBefore = await app.inject({ url: '/v1/articles?limit=3' });
  const patched = await app.inject({
    method: 'PATCH',
    url: '/v1/articles/demo_001',
    headers: auth('editor'),
    payload: { headline: 'A corrected headline' },
  });
  t.equal(patched.statusCode, 200);
  const after = await app.inject({ url: '/v1/articles/demo_001', headers: { 'if-none-match': before.headers.etag as string } });
  t.equal(after.statusCode, 200, 'the old ETag no longer matches');
  t.equal(after.json().headline, 'A corrected headline');
  const created = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ publishedAt: '2024-03-29T11:59:00Z' }),
  });
  const listAfter = await app.inject({ url: '/v1/articles?limit=3' });
  t.not(listAfter.headers.etag, listBefore.headers.etag);
  t.equal(listAfter.json().data[0].id, created.json().id);
});

t.test('responses are compressed when the client accepts it', async (t) => {
  const { app } = await buildTestApp(t);
  const plain = await app.inject({ url: '/v1/articles?limit=50' });
  const gzip = await app.inject({ url: '/v1/articles?limit=50', headers: { 'accept-encoding': 'gzip' } });
  t.equal(gzip.headers['content-encoding'], 'gzip');
  t.same(JSON.parse(gunzipSync(gzip.rawPayload).toString()), plain.json());
  const br = await app.inject({ url: '/v1/articles?limit=50', headers: { 'accept-encoding': 'br' } });
  t.equal(br.headers['content-encoding'], 'br');
  t.same(JSON.parse(brotliDecompressSync(br.rawPayload).toString()), plain.json());
});

t.test(
  'a stored answer keeps its compressed form in place of its bytes, and every reader still gets the same answer',
  async (t) => {
    const { app } = await buildTestApp(t);
    const cacheBytes = async () =>
      Number(/^response_cache_bytes\{cache="articles"\} (\d+)/m.exec((await app.inject({ url: '/metrics' })).body)?.[1]);
    const url = '/v1/articles?limit=50';
    const plain = await app.inject({ url });
    const held = await cacheBytes();
    const br = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
    t.equal(br.headers['content-encoding'], 'br');
    t.ok(br.rawPayload.length < plain.rawPayload.length / 2, 'the list compresses well');
    t.equal(
      await cacheBytes(),
      held - plain.rawPayload.length + br.rawPayload.length,
      'the brotli bytes in place of the plain ones',
    );
    t.ok(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload), 'brotli of the same bytes');

    // Made again from the brotli bytes: the same bytes and ETag for a reader without a coding, and a gzip form of them.
    const again = await app.inject({ url });
    t.ok(again.rawPayload.equals(plain.rawPayload), 'the same bytes');
    t.equal(again.headers.etag, plain.headers.etag);
    t.equal((await app.inject({ url, headers: { 'if-none-match': String(plain.headers.etag) } })).statusCode, 304);
    const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    t.equal(gzip.headers['content-encoding'], 'gzip');
    t.ok(gunzipSync(gzip.rawPayload).equals(plain.rawPayload), 'gzip of the same bytes');
    t.equal(
      await cacheBytes(),
      held - plain.rawPayload.length + br.rawPayload.length + gzip.rawPayload.length,
      'both forms held',
    );

    // An article page is made of its parts' bytes, also when a part keeps only its compressed form.
    const slug = plain.json().data[0].slug;
    for (const part of [`/v1/articles/${slug}`, `/v1/articles/${slug}/related`]) {
      t.equal(
        (await app.inject({ url: part, headers: { 'accept-encoding': 'gzip, br' } })).headers['content-encoding'],
        'br',
        part,
      );
    }
    const page = (await app.inject({ url: `/v1/pages/articles/${slug}` })).json();
    t.same(page.article, (await app.inject({ url: `/v1/articles/${slug}` })).json());
    t.same(page.related, (await app.inject({ url: `/v1/articles/${slug}/related` })).json());
  },
);

t.test('CORS: public reads from any origin, Link and ETag exposed; credentials only for configured origins', async (t) => {
  const { app } = await buildTestApp(t, { config: { CORS_CREDENTIALED_ORIGINS: ['https://desk.example.com'] } });
  const res = await app.inject({ url: '/v1/articles', headers: { origin: 'https://reader.example.net' } });
  t.equal(res.headers['access-control-allow-origin'], '*');
  t.match(res.headers['access-control-expose-headers'], /Link/);
  t.match(res.headers['access-control-expose-headers'], /ETag/);
  t.notOk(res.headers['access-control-allow-credentials']);
  const trusted = await app.inject({ url: '/v1/articles', headers: { origin: 'https://desk.example.com' } });
  t.equal(trusted.headers['access-control-allow-origin'], 'https://desk.example.com');
  t.equal(trusted.headers['access-control-allow-credentials'], 'true');
  // The CORS headers depend on the origin: a shared cache must keep one answer per origin.
  for (const answer of [res, trusted]) t.equal(answer.headers.vary, 'Origin, Accept-Encoding, Authorization');
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/articles',
    headers: { origin: 'https://reader.example.net', 'access-control-request-method': 'POST' },
  });
  t.equal(preflight.statusCode, 204);
  t.match(preflight.headers['access-control-allow-headers'], /Authorization/);
});

t.test('refused requests count against the rate limit too', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false, config: { RATE_LIMIT_PER_MINUTE: 3 } });
  const statuses: number[] = [];
  for (const request of [
    { url: '/v1/articles', headers: { authorization: 'Bearer cak_guess-1' } },
    { url: '/v1/articles?limit=0' },
    { url: '/v1/articles', headers: { authorization: 'Bearer cak_guess-2' } },
    { url: '/v1/articles' },
  ]) {
    statuses.push((await app.inject(request)).statusCode);
  }
  t.same(statuses, [401, 400, 401, 429], 'bad keys and bad input use up the address budget');
  t.equal((await app.inject({ url: '/v1/articles', headers: auth('editor') })).statusCode, 200, 'a valid key has its own budget');
});

t.test('rate limiting answers 429 problem+json with Retry-After and RateLimit headers', async (t) => {
  const { app } = await buildTestApp(t, { demo: false, config: { RATE_LIMIT_PER_MINUTE: 3 } });
  for (let i = 0; i < 3; i += 1) {
    const ok = await app.inject({ url: '/v1/sections' });
    t.equal(ok.statusCode, 200);
    t.equal(ok.headers['ratelimit-limit'], '3');
  }
  const limited = await app.inject({ url: '/v1/sections' });
  t.equal(limited.statusCode, 429);
  t.equal(limited.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.ok(Number(limited.headers['retry-after']) > 0);
  t.equal(limited.headers['ratelimit-remaining'], '0');
  t.equal(limited.json().status, 429);
});
