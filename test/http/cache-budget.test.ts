import t from 'tap';
import { defaultConfig } from '../../src/config.js';
import { cacheBudgets, cacheShares, entryOverheadBytes } from '../../src/http/cache-budget.js';
import { buildTestApp } from '../helpers/app.js';

t.test('CACHE_MAX_BYTES is the budget of all response caches together', async (t) => {
  const total = defaultConfig().CACHE_MAX_BYTES;
  const budgets = cacheBudgets(total);
  const sum = Object.values(budgets).reduce((a, b) => a + b, 0);
  t.ok(sum <= total, `the parts (${sum}) stay within the total (${total})`);
  t.ok(sum > total * 0.99, 'and use it');
  t.ok(budgets.articles > budgets.page && budgets.page > budgets.dateline, 'articles and pages hold most');
  t.equal(
    Object.values(cacheShares).reduce((a, b) => a + b, 0),
    1,
    'the shares add up to the whole',
  );
  t.same(cacheBudgets(1000), { articles: 720, page: 160, feedItems: 80, popular: 10, dateline: 30 });
});

t.test('/metrics shows each cache’s lookups and the bytes it holds, overhead included', async (t) => {
  const { app, clock } = await buildTestApp(t);
  // A miss, a hit and another miss; then a search, kept 10 s, asked for again later: expired.
  const first = await app.inject({ method: 'GET', url: '/v1/articles?limit=2' });
  t.equal(first.statusCode, 200);
  await app.inject({ method: 'GET', url: '/v1/articles?limit=2' });
  await app.inject({ method: 'GET', url: '/v1/articles?limit=3' });
  await app.inject({ method: 'GET', url: '/v1/articles?q=bank' });
  clock.advance(10_000);
  await app.inject({ method: 'GET', url: '/v1/articles?q=bank' });
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1]);
  t.equal(value(/^response_cache_lookups_total\{cache="articles",outcome="miss"\} (\d+)$/m), 3, 'new URLs missed');
  t.equal(value(/^response_cache_lookups_total\{cache="articles",outcome="hit"\} (\d+)$/m), 1, 'a repeated one hit');
  t.equal(
    value(/^response_cache_lookups_total\{cache="articles",outcome="expired"\} (\d+)$/m),
    1,
    'a search past its time expired',
  );
  t.equal(value(/^response_cache_lookups_total\{cache="page",outcome="hit"\} (\d+)$/m), 0, 'every cache has its series');
  const bytes = value(/^response_cache_bytes\{cache="articles"\} (\d+)$/m);
  t.ok(bytes >= Buffer.byteLength(first.body) + entryOverheadBytes, `the entry counts its body and overhead (${bytes})`);
});
