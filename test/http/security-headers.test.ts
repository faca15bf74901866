import t, { type Test } from 'tap';
import { buildTestApp } from '../helpers/app.js';

function assertBrowserProtections(t: Test, headers: Record<string, unknown>, what: string) {
  const csp = String(headers['content-security-policy']);
  for (const directive of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]) {
    t.ok(csp.split(';').includes(directive), `${what}: CSP has ${directive}`);
  }
  t.notMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: CSP allows no inline script or eval`);
  t.equal(headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  t.equal(headers['x-frame-options'], 'DENY', `${what}: not framed`);
  t.equal(headers['referrer-policy'], 'no-referrer', `${what}: Referrer-Policy`);
}

t.test('the Swagger UI and its assets carry the browser protections, and the page still loads', async (t) => {
  const { app } = await buildTestApp(t, { demo: false });
  const page = await app.inject({ url: '/docs' });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /^text\/html/);
  assertBrowserProtections(t, page.headers, '/docs');

  // Everything the page loads is on this origin, as the policy demands, and is served.
  const assets = [...page.body.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
  t.ok(assets.length >= 4, `the page loads ${assets.length} assets`);
  t.ok(
    assets.some((asset) => asset.endsWith('.js')),
    'scripts among them',
  );
  for (const asset of assets) {
    t.match(asset, /^\/docs\/static\//, `${asset} is on this origin`);
    const res = await app.inject({ url: asset });
    t.equal(res.statusCode, 200, `${asset} is served`);
    assertBrowserProtections(t, res.headers, asset);
  }
  // The policy forbids inline scripts and style attributes: the page must have none.
  t.notMatch(page.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  t.notMatch(page.body, /\sstyle=/, 'no inline style attribute');
  t.notMatch(page.body, /\son[a-z]+=/, 'no inline event handler');

  const initializer = await app.inject({ url: '/docs/static/swagger-initializer.js' });
  t.equal(initializer.statusCode, 200);
  const document = await app.inject({ url: '/docs/json' });
  t.equal(document.statusCode, 200, 'the document the UI fetches (same origin, allowed by connect-src)');
  assertBrowserProtections(t, document.headers, '/docs/json');
});

t.test('API answers get nosniff but not the page protections', async (t) => {
  const { app } = await buildTestApp(t);
  for (const url of ['/v1/sections', '/v1/articles/no-such-article', '/healthz', '/openapi.json']) {
    const res = await app.inject({ url });
    t.equal(res.headers['x-content-type-options'], 'nosniff', `${url}: nosniff`);
    t.notOk(res.headers['content-security-policy'], `${url}: no CSP to compute on every request`);
  }
});
