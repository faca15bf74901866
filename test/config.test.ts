import { getHeapStatistics } from 'node:v8';
import t from 'tap';
import { ConfigError, loadConfig } from '../src/config.js';

t.test('defaults', async (t) => {
  const config = loadConfig({});
  t.equal(config.HOST, '127.0.0.1');
  t.equal(config.PORT, 3000);
  t.equal(config.DATABASE_PATH, 'data/content.db');
  t.equal(config.DEMO_CONTENT, true);
  t.equal(config.LOG_LEVEL, 'info');
  t.same(config.CORS_CREDENTIALED_ORIGINS, []);
});

t.test("load shedding on the heap: by default at 90% of this process's V8 heap limit; 0 is off", async (t) => {
  const limit = getHeapStatistics().heap_size_limit;
  t.equal(loadConfig({}).MAX_HEAP_USED_BYTES, Math.floor(0.9 * limit), `90% of ${limit} bytes`);
  t.equal(loadConfig({ MAX_HEAP_USED_BYTES: '0' }).MAX_HEAP_USED_BYTES, 0);
  t.equal(loadConfig({ MAX_HEAP_USED_BYTES: '500000000' }).MAX_HEAP_USED_BYTES, 500_000_000);
  t.throws(() => loadConfig({ MAX_HEAP_USED_BYTES: '-1' }), ConfigError);
});

t.test('values are parsed and empty ones count as unset', async (t) => {
  const config = loadConfig({
    PORT: '8080',
    DEMO_CONTENT: 'false',
    HOST: '',
    CORS_CREDENTIALED_ORIGINS: 'https://a.example, https://b.example',
  });
  t.equal(config.PORT, 8080);
  t.equal(config.DEMO_CONTENT, false);
  t.equal(config.HOST, '127.0.0.1');
  t.same(config.CORS_CREDENTIALED_ORIGINS, ['https://a.example', 'https://b.example']);
  t.equal(loadConfig({ PORT: ' ', MAX_EVENT_LOOP_DELAY_MS: '\t' }).PORT, 3000, 'blank counts as unset too (not port 0)');
  t.equal(loadConfig({ MAX_EVENT_LOOP_DELAY_MS: ' ' }).MAX_EVENT_LOOP_DELAY_MS, 500);
  t.equal(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY, 2, 'a hop count');
  t.same(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY, ['10.0.0.0/8', '127.0.0.1'], 'proxy addresses');
  t.equal(loadConfig({}).TRUST_PROXY, false);
});

t.test('a bad value stops the start with a message naming the variable', async (t) => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DEMO_CONTENT: 'maybe' }, /DEMO_CONTENT/],
    [{ PUBLIC_BASE_URL: 'not a url' }, /PUBLIC_BASE_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, /RATE_LIMIT_PER_MINUTE/],
    [{ CORS_CREDENTIALED_ORIGINS: 'nope' }, /CORS_CREDENTIALED_ORIGINS/],
    [{ CORS_CREDENTIALED_ORIGINS: 'https://desk.example.com/' }, /CORS_CREDENTIALED_ORIGINS/],
    [{ CORS_CREDENTIALED_ORIGINS: 'https://desk.example.com/tools' }, /CORS_CREDENTIALED_ORIGINS/],
    [{ CORS_CREDENTIALED_ORIGINS: 'foo:bar' }, /CORS_CREDENTIALED_ORIGINS/],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY/],
  ];
  for (const [env, pattern] of cases) {
    t.throws(() => loadConfig(env), ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      t.match((error as Error).message, pattern, JSON.stringify(env));
    }
  }
});
