import { XMLValidator } from 'fast-xml-parser';
import t, { type Test } from 'tap';
import { articleBody, buildTestApp, type TestApp } from '../helpers/app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** POST /v1/articles with an editor key: a valid body with `overrides`. */
function createArticle(app: TestApp['app'], auth: TestApp['auth'], overrides: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody(overrides) });
}

function assertProblem(t: Test, res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, what: string) {
  t.ok(res.statusCode >= 400 && res.statusCode < 500, `${what} -> ${res.statusCode}`);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', `${what} is problem+json`);
  const body = res.json() as Record<string, unknown>;
  t.equal(body.status, res.statusCode, `${what} status field`);
  t.type(body.type, 'string');
  t.type(body.title, 'string');
  t.type(body.detail, 'string');
}

t.test('every route answers bad input with a 4xx problem+json, never a 5xx', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const document = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const oddValues = ['%00', '..%2F..%2Fetc', 'x'.repeat(500), '%F0%9F%98%80', '%27%20OR%201%3D1', '-1', 'null', '%E0%A4%A'];
  const oddQueries = [
    'limit=0',
    'limit=101',
    'limit=abc',
    'limit=1e3',
    'cursor=',
    'cursor=%00',
    'from=2024-13-45',
    'to=tomorrow',
    'status=secret',
    'section=UPPER',
    'tag=a%20b',
    'unknown=1',
    'limit=1&limit=2',
    `q=${'x'.repeat(400)}`,
  ];
  let requests = 0;
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const method of Object.keys(operations).map((m) => m.toUpperCase() as Method)) {
      const urls = path.includes('{')
        ? oddValues.map((value) => path.replace(/\{[^}]+\}/g, value))
        : oddQueries.map((query) => `${path}?${query}`);
      for (const url of urls) {
        for (const headers of [{}, auth('editor')]) {
          const res = await app.inject({ method, url, headers });
          requests += 1;
          t.ok(res.statusCode < 500, `${method} ${url} -> ${res.statusCode}`);
          if (res.statusCode >= 400) assertProblem(t, res, `${method} ${url}`);
        }
      }
      if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
        const url = path.replace(/\{[^}]+\}/g, 'demo_001');
        const cases: Array<{ what: string; headers: Record<string, string>; payload: string | Buffer; status: number }> = [
          { what: 'malformed JSON', headers: { 'content-type': 'application/json' }, payload: '{"headline": ', status: 400 },
          {
            what: 'wrong types',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify({ headline: 42, tags: 'x', body: {} }),
            status: 400,
          },
          { what: 'a JSON array', headers: { 'content-type': 'application/json' }, payload: '[1,2,3]', status: 400 },
          { what: 'JSON null', headers: { 'content-type': 'application/json' }, payload: 'null', status: 400 },
          { what: 'an empty body', headers: { 'content-type': 'application/json' }, payload: '', status: 400 },
          { what: 'form data', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=b', status: 415 },
          { what: 'XML', headers: { 'content-type': 'application/xml' }, payload: '<a/>', status: 415 },
          // POST /v1/views reads text/plain as JSON (navigator.sendBeacon sends it): there, a wrong body is a 400.
          {
            what: 'plain text',
            headers: { 'content-type': 'text/plain' },
            payload: '{"headline":"x"}',
            status: path === '/v1/views' ? 400 : 415,
          },
          {
            what: 'an oversized body',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify({ headline: 'x'.repeat(2 * 1024 * 1024) }),
            status: 413,
          },
          {
            what: 'prototype pollution',
            headers: { 'content-type': 'application/json' },
            payload: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}',
            status: 400,
          },
          {
            what: 'deep nesting',
            headers: { 'content-type': 'application/json' },
            payload: `${'['.repeat(5000)}${']'.repeat(5000)}`,
            status: 400,
          },
        ];
        for (const c of cases) {
          const res = await app.inject({ method, url, headers: { ...auth('editor'), ...c.headers }, payload: c.payload });
          requests += 1;
          t.equal(res.statusCode, c.status, `${method} ${path} with ${c.what}`);
          assertProblem(t, res, `${method} ${path} with ${c.what}`);
        }
      }
    }
  }
  t.ok(requests > 200, `${requests} requests sent`);
  t.equal(({} as Record<string, unknown>).admin, undefined, 'no prototype was polluted');
});

t.test('a body that is not JSON text says why, and an unpaired surrogate is refused rather than stored as U+FFFD', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const json = { ...auth('editor'), 'content-type': 'application/json' };
  const post = (payload: string, headers: Record<string, string> = json) =>
    app.inject({ method: 'POST', url: '/v1/articles', headers, payload });
  const details = {
    '': 'The body is empty, but its content-type says JSON.',
    '{"headline": ': 'The body is not valid JSON, but its content-type says JSON.',
    '{"__proto__": {"admin": true}}': 'The body holds a "__proto__" or "constructor.prototype" key, which is refused.',
    '{"constructor": {"prototype": {"admin": true}}}':
      'The body holds a "__proto__" or "constructor.prototype" key, which is refused.',
  };
  for (const [payload, detail] of Object.entries(details)) {
    const res = await post(payload);
    t.equal(res.statusCode, 400, JSON.stringify(payload));
    assertProblem(t, res, JSON.stringify(payload));
    t.equal(res.json().type, 'urn:content-api:problem:bad-request');
    t.equal(res.json().detail, detail);
  }

  // A client that sends its Content-Type on every request: a DELETE reads no body.
  const created = await post(JSON.stringify(articleBody({ headline: 'Deleted with a content-type' })));
  const deleted = await app.inject({ method: 'DELETE', url: `/v1/articles/${created.json().id}`, headers: json });
  t.equal(deleted.statusCode, 204, 'an empty JSON body where the operation reads none');

  // JSON.stringify writes a lone surrogate as its \u escape, as a careless client would send it.
  for (const [overrides, at] of [
    [{ headline: 'Storm \ud800 hits the coast' }, 'body.headline'],
    [{ tags: ['transport', 'x\udfff'] }, 'body.tags[1]'],
    [{ body: [{ type: 'paragraph', text: 'ends with a high half \ud83d' }] }, 'body.body[0].text'],
    [{ source: { name: 'Staff', '\udc00': 1 } }, 'body.source'],
  ] as const) {
    const payload = JSON.stringify(articleBody(overrides));
    t.match(payload, /\\u[dD][89a-fA-F]/, 'the escape is in the text sent');
    const res = await post(payload);
    t.equal(res.statusCode, 400, at);
    assertProblem(t, res, at);
    t.equal(
      res.json().detail,
      `${at} holds an unpaired surrogate (a \\uD800-\\uDFFF escape without its pair), which is not text.`,
    );
  }
  t.equal((await app.inject({ url: '/v1/articles' })).json().data.length, 0, 'nothing was stored');

  // A pair is one character, stored and sent back as it came; so is the text "\ud800" itself.
  const paired = await post(
    JSON.stringify(articleBody({ headline: 'Storm \ud83c\udf0a hits', standfirst: 'Written as \\ud800.' })),
  );
  t.equal(paired.statusCode, 201);
  const stored = (await app.inject({ url: `/v1/articles/${paired.json().id}` })).json();
  t.equal(stored.headline, 'Storm 🌊 hits');
  t.equal(stored.standfirst, 'Written as \\ud800.');

  const patch = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${paired.json().id}`,
    headers: json,
    payload: JSON.stringify({ standfirst: 'half \udbff' }),
  });
  t.equal(patch.statusCode, 400);
  t.equal((await app.inject({ url: `/v1/articles/${paired.json().id}` })).json().standfirst, 'Written as \\ud800.');

  // The views' beacons (text/plain) go through the same parser.
  for (const type of ['application/json', 'text/plain']) {
    const view = await app.inject({
      method: 'POST',
      url: '/v1/views',
      headers: { 'content-type': type },
      payload: JSON.stringify({ article: paired.json().id, visitorId: 'v\udc01' }),
    });
    t.equal(view.statusCode, 400, type);
    t.equal(
      view.json().detail,
      'body.visitorId holds an unpaired surrogate (a \\uD800-\\uDFFF escape without its pair), which is not text.',
    );
  }
});

t.test('a body whose bytes are not UTF-8 is a 400, not text with U+FFFD stored in it', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const latin1 = Buffer.concat([
    Buffer.from('{"headline":"Caf'),
    Buffer.from([0xe9]),
    Buffer.from(`","standfirst":"x","section":"world","source":{"name":"Desk"},"body":[{"type":"paragraph","text":"Hi."}]}`),
  ]);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: { ...auth('editor'), 'content-type': 'application/json' },
    payload: latin1,
  });
  t.equal(res.statusCode, 400);
  assertProblem(t, res, 'Latin-1 body');
  t.match(res.json().detail, /not UTF-8/);
  for (const type of ['application/json', 'text/plain']) {
    const view = await app.inject({
      method: 'POST',
      url: '/v1/views',
      headers: { 'content-type': type },
      payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    });
    t.equal(view.statusCode, 400, type);
  }
  const bom = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: { ...auth('editor'), 'content-type': 'application/json' },
    payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(articleBody({ headline: 'Café ☕' })))]),
  });
  t.equal(bom.statusCode, 201, 'UTF-8, with or without a byte order mark');
  t.equal(bom.json().headline, 'Café ☕');
  t.equal((await app.inject({ url: '/v1/articles' })).json().data.length, 1, 'only that one was stored');
});

t.test('a URL stored with a control character before they were refused is still answered, and fed as valid XML', async (t) => {
  const { app, auth, database } = await buildTestApp(t, { demo: false });
  const created = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({
      leadImage: { url: 'https://example.com/lead.jpg' },
      source: { name: 'Desk', url: 'https://example.com/desk' },
      body: [{ type: 'image', url: 'https://example.com/inline.png' }],
    }),
  });
  t.equal(created.statusCode, 201);
  // As an earlier version stored them.
  database.sqlite
    .prepare('UPDATE articles SET lead_image = ?, source_url = ?, body = ? WHERE id = ?')
    .run(
      JSON.stringify({ url: 'https://example.com/le\u0001ad.jpg' }),
      'https://example.com/de\u007Fsk',
      JSON.stringify([{ type: 'image', url: 'https://example.com/in\uFFFFline.png' }]),
      created.json().id,
    );
  const { id, slug } = created.json();
  for (const url of [`/v1/articles/${id}`, '/v1/articles', `/v1/pages/articles/${slug}`, '/v1/feeds/feed.json']) {
    t.equal((await app.inject({ url, headers: auth('partner') })).statusCode, 200, url);
  }
  t.equal((await app.inject({ url: '/v1/syndication/changes?after=0', headers: auth('partner') })).statusCode, 200);
  for (const feed of ['rss.xml', 'atom.xml']) {
    const res = await app.inject({ url: `/v1/feeds/${feed}`, headers: auth('partner') });
    t.equal(res.statusCode, 200, feed);
    t.equal(XMLValidator.validate(res.body), true, `${feed} is well-formed XML`);
    t.notMatch(res.body, /[\u0001\u007F\uFFFF]/, `${feed} carries none of them`);
  }
});

t.test('a headline, standfirst or byline of characters that show nothing is refused', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  for (const [overrides, at] of [
    [{ headline: '\u200b\u200b' }, 'headline'],
    [{ standfirst: '\u00ad\u2060 \u200d' }, 'standfirst'],
    [{ byline: '\u0301' }, 'byline'],
  ] as const) {
    const res = await createArticle(app, auth, overrides);
    t.equal(res.statusCode, 400, at);
    t.match(res.json().errors, [{ path: `body.${at}`, message: 'must hold a visible character' }], at);
  }
  const created = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ headline: '\u200b…', byline: '🌊' }),
  });
  t.equal(created.statusCode, 201, 'punctuation and symbols show');
  const patched = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${created.json().id}`,
    headers: auth('editor'),
    payload: { headline: '\u2060' },
  });
  t.equal(patched.statusCode, 400, 'an edit too');
  const byline = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${created.json().id}`,
    headers: auth('editor'),
    payload: { byline: '\u200b' },
  });
  t.equal(byline.statusCode, 400, 'an edit of the byline too');
});

t.test('text holds no control characters and no U+FFFE or U+FFFF, which XML (the feeds) cannot carry', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  for (const [overrides, at] of [
    [{ headline: 'Storm \uFFFF hits the coast' }, 'headline'],
    [{ standfirst: 'A \uFFFE standfirst' }, 'standfirst'],
    [{ body: [{ type: 'paragraph', text: 'bell \u0007' }] }, 'body[0].text'],
    [{ source: { name: 'Staff \u001B' } }, 'source.name'],
    // A URL parser takes them (escaping them), but the URL is stored and fed as sent.
    [{ leadImage: { url: 'https://example.com/a\u0001b.jpg' } }, 'leadImage.url'],
    [{ source: { name: 'Staff', url: 'https://example.com/\uFFFF' } }, 'source.url'],
    [{ body: [{ type: 'image', url: 'https://example.com/\u0000.png' }] }, 'body[0].url'],
  ] as const) {
    const res = await createArticle(app, auth, overrides);
    t.equal(res.statusCode, 400, at);
    assertProblem(t, res, at);
    t.match(res.json().errors, [{ path: `body.${at}`, message: /control characters or the non-characters/ }], at);
  }
  const kept = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({
      headline: 'Tabs\tand other characters: \uFFFD \u{1FFFF} stay',
      body: [{ type: 'paragraph', text: 'Two\nlines' }],
    }),
  });
  t.equal(kept.statusCode, 201, 'tabs, line breaks, U+FFFD and characters beyond the BMP are text');
  t.equal((await app.inject({ url: '/v1/articles' })).json().data.length, 1, 'only that one was stored');
});

t.test('timestamps outside 1900..9999 are refused and nothing stored breaks a read', async (t) => {
  const { app, auth } = await buildTestApp(t);
  for (const publishedAt of [
    '0000-01-01T00:30:00+01:00',
    '9999-12-31T23:00:00-05:00',
    '1899-12-31T23:59:59Z',
    '2024-02-30T10:00:00Z',
  ]) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: auth('editor'),
      payload: articleBody({ publishedAt }),
    });
    t.equal(res.statusCode, 400, publishedAt);
    const patch = await app.inject({
      method: 'PATCH',
      url: '/v1/articles/demo_001',
      headers: auth('editor'),
      payload: { publishedAt },
    });
    t.equal(patch.statusCode, 400, `PATCH ${publishedAt}`);
    const list = await app.inject({ url: `/v1/articles?from=${encodeURIComponent(publishedAt)}` });
    t.equal(list.statusCode, 400, `from=${publishedAt}`);
  }
  const edge = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ publishedAt: '9999-12-31T23:59:59Z' }),
  });
  t.equal(edge.statusCode, 201, 'the last second of 9999 is fine');
  t.equal((await app.inject({ url: '/v1/articles?status=scheduled', headers: auth('editor') })).statusCode, 200);
  t.equal((await app.inject({ url: '/v1/articles?limit=100' })).statusCode, 200);
});

t.test('validation errors name each field', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const res = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ headline: '', tags: ['Not A Slug'], body: [{ type: 'video' }], extra: true }),
  });
  t.equal(res.statusCode, 400);
  const problem = res.json();
  t.equal(problem.type, 'urn:content-api:problem:validation');
  t.equal(problem.title, 'Bad Request');
  const paths = problem.errors.map((e: { path: string }) => e.path);
  t.ok(paths.includes('body.headline'), paths.join(', '));
  t.ok(paths.includes('body.tags[0]'), paths.join(', '));
  t.ok(
    paths.some((p: string) => p.startsWith('body.body[0]')),
    paths.join(', '),
  );
  t.ok(problem.errors.every((e: { message: string }) => e.message.length > 0));
  t.equal((await app.inject({ url: '/v1/articles' })).json().data.length, 0, 'nothing was stored');
});

t.test('a path parameter over the limit is a 414 on a known path whatever the method, without the path repeated', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const long = 'x'.repeat(201);
  for (const [method, url] of [
    ['GET', `/v1/articles/${long}`],
    ['PATCH', `/v1/articles/${long}`],
    ['POST', `/v1/articles/${long}`],
    ['PUT', `/v1/articles/${long}/related`],
    ['PUT', `/v1/cities/${long}`],
    ['DELETE', `/v1/pages/articles/${long}`],
  ] as const) {
    const res = await app.inject({ method, url, headers: auth('editor') });
    t.equal(res.statusCode, 414, `${method} ${url.replace(long, '{201 characters}')}`);
    assertProblem(t, res, method);
    t.equal(res.json().detail, 'A path parameter is over 200 characters.');
  }
  const atLimit = await app.inject({ url: `/v1/articles/${'x'.repeat(200)}` });
  t.not(atLimit.statusCode, 414, 'at the limit: routed, and the parameter’s own schema answers');
  assertProblem(t, atLimit, 'at the limit');
  t.equal((await app.inject({ url: `/v1/nothing/${long}` })).statusCode, 404, 'an unknown path stays a 404');
});

t.test('URLs Fastify cannot route (malformed, over-long) get the headers every answer gets, though no hook runs', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  for (const [url, status] of [
    ['/v1/articles/%E0%A4%A', 400],
    [`/v1/articles/${'x'.repeat(201)}`, 414],
  ] as const) {
    const anonymous = await app.inject({ url, headers: { origin: 'https://reader.example' } });
    t.equal(anonymous.statusCode, status, url.slice(0, 40));
    assertProblem(t, anonymous, url.slice(0, 40));
    t.equal(anonymous.headers['access-control-allow-origin'], '*', 'a browser can read it');
    t.match(anonymous.headers['access-control-expose-headers'], /\bETag\b/);
    t.equal(anonymous.headers['x-content-type-options'], 'nosniff');
    t.equal(anonymous.headers['cache-control'], 'no-store', 'an error is not stored (a 414 is cacheable by default)');
    const keyed = await app.inject({ url, headers: auth('editor') });
    t.equal(keyed.headers['cache-control'], 'private, no-store', 'with a key');
  }
});

t.test('a GET without parameters names an unknown one too, and ignores what links pick up', async (t) => {
  const { app } = await buildTestApp(t);
  for (const path of ['/v1/articles/demo_001', '/v1/cities/delhi', '/v1/sitemaps/news.xml']) {
    const unknown = await app.inject({ url: `${path}?sectoin=world` });
    t.equal(unknown.statusCode, 400, `${path}?sectoin=world`);
    assertProblem(t, unknown, path);
    t.match(unknown.json().detail, /sectoin/, 'named');
    t.equal((await app.inject({ url: `${path}?utm_source=newsletter&_=1` })).statusCode, 200, `${path} with tracking tags`);
  }
});

t.test('unknown routes are 404 problems; a method a known path does not answer is a 405 with Allow', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const missing = await app.inject({ url: '/v1/nothing-here?x=1' });
  t.equal(missing.statusCode, 404);
  assertProblem(t, missing, 'unknown route');
  t.equal(missing.json().detail, 'No route matches GET /v1/nothing-here.');
  t.equal(
    (await app.inject({ method: 'PUT', url: '/v1/nothing-here' })).statusCode,
    404,
    'an unknown path is a 404 whatever the method',
  );
  for (const [method, url, allow] of [
    ['PUT', '/v1/sections', 'GET, HEAD, OPTIONS'],
    ['PUT', '/v1/articles/art_1', 'GET, HEAD, PATCH, DELETE, OPTIONS'],
    ['PUT', '/v1/articles/caf%C3%A9/', 'GET, HEAD, PATCH, DELETE, OPTIONS'],
    ['DELETE', '/v1/articles?limit=5', 'GET, HEAD, POST, OPTIONS'],
    ['POST', '/v1/dateline', 'GET, HEAD, OPTIONS'],
  ] as const) {
    const res = await app.inject({ method, url, headers: auth('editor') });
    t.equal(res.statusCode, 405, `${method} ${url}`);
    assertProblem(t, res, `${method} ${url}`);
    t.equal(res.headers.allow, allow, `${method} ${url}: Allow names the methods the path answers (OPTIONS: CORS, everywhere)`);
    t.match(res.json().detail, `does not answer ${method}`);
  }
  t.equal((await app.inject({ url: '/v1/articles' })).json().data.length, 0, 'nothing was written');
  const missingFile = await app.inject({ url: '/docs/static/no-such-file.js' });
  t.equal(missingFile.statusCode, 404, 'a route that matched and found nothing is a 404, not a 405 for its own method');
  t.equal(missingFile.headers.allow, undefined);
});

t.test('a crash inside a handler is a masked 500 problem', async (t) => {
  const { buildApp } = await import('../../src/app.js');
  const { defaultConfig } = await import('../../src/config.js');
  const app = await buildApp({ config: defaultConfig({ DATABASE_PATH: ':memory:', DEMO_CONTENT: false, LOG_LEVEL: 'silent' }) });
  app.get('/boom', () => {
    throw new Error('SQLITE_ERROR: no such column: secret_column');
  });
  await app.ready();
  t.teardown(() => app.close());
  const res = await app.inject({ url: '/boom' });
  t.equal(res.statusCode, 500);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.notMatch(res.body, /SQLITE|secret_column|at .*\.ts/);
  t.equal(res.json().detail, 'The server could not complete the request.');
});

t.test('campaign tags and cache busters a link picks up are ignored; any other unknown parameter is a 400', async (t) => {
  const { app } = await buildTestApp(t);
  const tags = 'utm_source=newsletter&utm_medium=email&utm_campaign=spring&fbclid=abc&gclid=def&_=1711700000000';
  for (const path of [
    '/v1/feeds/rss.xml',
    '/v1/articles',
    '/v1/articles?section=world',
    '/v1/popular?window=24h',
    '/v1/sections',
  ]) {
    const plain = await app.inject({ url: path });
    const tagged = await app.inject({ url: `${path}${path.includes('?') ? '&' : '?'}${tags}` });
    t.equal(tagged.statusCode, 200, `${path} with campaign tags`);
    t.equal(tagged.headers.etag, plain.headers.etag, `${path}: the same answer`);
  }
  // The next page's link, cached with the answer and given to every reader, carries none of them.
  const tagged = await app.inject({ url: '/v1/articles?limit=2&gclid=ABC&UTM_Source=x&srsltid=y' });
  t.equal(tagged.statusCode, 200, 'any case, more platforms');
  t.notMatch(String(tagged.headers.link), /gclid|UTM|srsltid/i);
  t.notMatch(String((await app.inject({ url: '/v1/articles?limit=2' })).headers.link), /gclid/);
  const typo = await app.inject({ url: '/v1/articles?sectoin=world&utm_source=x' });
  t.equal(typo.statusCode, 400, 'a mistyped parameter is still named');
  t.match(typo.json().detail, /sectoin/);
  t.equal((await app.inject({ url: '/v1/articles?utm=x' })).statusCode, 400, 'only the known tags');
});
