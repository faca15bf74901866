// Answers the OpenAPI fuzz test found wrong, pinned so they stay right.
import t from 'tap';
import { answerProblem, buildFuzzApp } from '../helpers/fuzz-setup.js';

t.test('an OPTIONS request that is not a CORS preflight is not a text/plain 400', async (t) => {
  const { app } = await buildFuzzApp(t);
  for (const headers of [{}, { origin: 'https://example.org' }, { 'access-control-request-method': 'POST' }]) {
    const res = await app.inject({ method: 'OPTIONS', url: '/v1/articles', headers });
    // answerProblem passes a 2xx and, for a 4xx, holds it to problem+json.
    t.equal(answerProblem(res), null, `OPTIONS with ${JSON.stringify(headers)}: ${res.statusCode}`);
  }
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/articles',
    headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' },
  });
  t.equal(preflight.statusCode, 204, 'a real preflight still works');
  t.equal(preflight.headers['access-control-allow-origin'], '*');
});

t.test('a body nested ten thousand levels deep that holds a surrogate escape is a 400, not a 500', async (t) => {
  const { app, authorization } = await buildFuzzApp(t);
  const headers = { authorization: authorization.admin, 'content-type': 'application/json' };
  // FUZZ_SEED=1381589545: the check for unpaired surrogates recursed into the nesting and overflowed the stack.
  for (const [open, close] of [
    ['[', ']'],
    ['{"a":', '}'],
  ] as const) {
    for (const surrogate of ['\\ud800', '\\ud83d\\ude00']) {
      const payload = `{"headline":${open.repeat(10_000)}"x${surrogate}"${close.repeat(10_000)}}`;
      const res = await app.inject({ method: 'POST', url: '/v1/articles', headers, payload });
      t.equal(res.statusCode, 400, `${open} with ${surrogate}`);
      t.equal(answerProblem(res), null);
    }
  }
  const deepLone = `{"headline":"ok","tags":[${'['.repeat(5_000)}"\\udfff"${']'.repeat(5_000)}]}`;
  const res = await app.inject({ method: 'POST', url: '/v1/articles', headers, payload: deepLone });
  t.match(res.json().detail, /^body\.tags\[0\](\[0\]){5000} holds an unpaired surrogate/, 'the place found is named');
});
