// The rankings' arrays: totals and facts by slot, past the arrays' first capacity.
import t from 'tap';
import { ArticleSlots, SlotFacts, SlotTotals } from '../../src/popularity/article-slots.js';
import type { ArticleFacts } from '../../src/popularity/repository.js';

function facts(pk: number, changes: Partial<ArticleFacts> = {}): ArticleFacts {
  return { pk, section: 'world', status: 'published', publishedAt: 1_000, deletedAt: null, hideFromPopular: false, ...changes };
}

t.test('totals add, subtract down to none, and list only articles with views, past the first capacity', async (t) => {
  const slots = new ArticleSlots();
  const day = new SlotTotals(slots, 0);
  const week = new SlotTotals(slots, 0);
  const count = 5_000;
  // pks far apart and not in order: slots, not pks, index the arrays.
  for (let index = 0; index < count; index += 1) day.add(1_000_003 * ((index * 7_919) % count) + 1, index + 1);
  week.add(42, 7);
  week.add(42, 3);
  t.equal(slots.size, count + 1);
  const snapshot = day.snapshot();
  t.equal(snapshot.pks.length, count);
  const byPk = new Map(Array.from(snapshot.pks, (pk, index) => [pk, snapshot.views[index]]));
  t.equal(byPk.get(1_000_003 * ((4_999 * 7_919) % count) + 1), 5_000);
  t.equal(byPk.get(1), 1);
  day.subtract(1, 5);
  day.subtract(1_000_003 * ((1 * 7_919) % count) + 1, 2);
  day.subtract(123_456_789, 1); // never seen: nothing to take away
  t.equal(day.snapshot().pks.length, count - 2, 'no views is no entry');
  t.same(Array.from(week.snapshot().pks), [42]);
  t.same(Array.from(week.snapshot().views), [10]);
  const listed: number[] = [];
  week.forEach((pk, views) => {
    listed.push(pk, views);
  });
  t.same(listed, [42, 10]);
});

t.test('facts say whether and in which section an article ranks, as isVisible and hideFromPopular do', async (t) => {
  const slots = new ArticleSlots();
  const known = new SlotFacts(slots);
  for (let pk = 1; pk <= 3_000; pk += 1) known.set(facts(pk, { section: `s${pk % 3}` }));
  known.set(facts(3_001, { hideFromPopular: true }));
  known.set(facts(3_002, { status: 'draft' }));
  known.set(facts(3_003, { deletedAt: 2_000 }));
  known.set(facts(3_004, { publishedAt: null }));
  known.set(facts(3_005, { publishedAt: 5_000 }));
  t.ok(known.has(2_999));
  t.notOk(known.has(9_999));
  t.equal(known.rankingSection(2_999, 1_500), 's2');
  t.equal(known.publishedAt(2_999), 1_000);
  t.equal(known.rankingSection(2_999, 999), null, 'not yet published');
  for (const pk of [3_001, 3_002, 3_003, 3_004]) t.equal(known.rankingSection(pk, 10_000), null, `pk ${pk} never ranks`);
  t.equal(known.rankingSection(3_005, 4_999), null, 'scheduled');
  t.equal(known.rankingSection(3_005, 5_000), 'world', 'from its publication on');
  t.equal(known.rankingSection(9_999, 10_000), null, 'unknown');
  known.set(facts(3_001, { section: 'sport' }));
  t.equal(known.rankingSection(3_001, 10_000), 'sport', 'facts change in place');
  const totals = new SlotTotals(slots, 0);
  totals.add(7_777, 1);
  t.notOk(known.has(7_777), 'a slot taken for totals has no facts yet');
});

t.test('slots given back are taken again, with no views and no facts left in them', async (t) => {
  const slots = new ArticleSlots();
  const totals = new SlotTotals(slots, 0);
  const known = new SlotFacts(slots);
  for (let pk = 1; pk <= 2_000; pk += 1) {
    totals.add(pk, pk % 2 === 0 ? 0 : 1);
    known.set(facts(pk));
  }
  // The articles with no views (even pks) are given back, and their facts forgotten.
  slots.releaseWhere(
    (slot) => totals.viewsAt(slot) === 0,
    (slot) => known.forget(slot),
  );
  t.equal(slots.size, 1_000);
  t.equal(slots.slotOf(2), undefined);
  t.notOk(known.has(2));
  t.equal(known.rankingSection(2, 10_000), null);
  t.ok(known.has(1), 'the others keep their facts');
  const capacity = slots.capacity;
  for (let pk = 10_001; pk <= 11_000; pk += 1) totals.add(pk, 5);
  t.equal(slots.size, 2_000);
  t.equal(slots.capacity, capacity, 'new articles took the slots given back');
  t.notOk(known.has(10_001), 'a slot taken again has no facts from its last article');
  const snapshot = totals.snapshot();
  t.equal(snapshot.pks.length, 2_000);
  t.equal(
    Array.from(snapshot.views).reduce((sum, views) => sum + views, 0),
    1_000 + 5 * 1_000,
    'and its views start from none',
  );
});
