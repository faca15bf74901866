// Answers the OpenAPI fuzz test found wrong, pinned so they stay right.
import t from 'tap';
import { answerProblem, buildFuzzApp } from '../helpers/fuzz-setup.js';

t.test('an OPTIONS request that is not a CORS preflight is not a text/plain 400', async (t) => {
  const { app } = await buildFuzzApp(t);
  for (const headers of [{}, { origin: 'https://example.org' }, { 'access-control-request-method': 'POST' }]) {
    const res = await app.inject({ method: 'OPTIONS', url: '/v1/articles', headers });
    t.ok(res.statusCode < 300 || answerProblem(res) === null, `OPTIONS with ${JSON.stringify(headers)}: ${res.statusCode}`);
    t.equal(answerProblem(res), null);
  }
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/articles',
    headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' },
  });
  t.equal(preflight.statusCode, 204, 'a real preflight still works');
  t.equal(preflight.headers['access-control-allow-origin'], '*');
});
