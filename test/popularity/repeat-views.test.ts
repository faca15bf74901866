// The repeat-view memory: once per visitor and article per period, and bounded in size.
import t from 'tap';
import { MemoryRepeatViews } from '../../src/popularity/repeat-views.js';

const minute = 60_000;

t.test('a pair counts once per period', async (t) => {
  const repeats = new MemoryRepeatViews(100, 30 * minute);
  t.notOk(repeats.isRepeat('v1', 1, 0));
  t.ok(repeats.isRepeat('v1', 1, 29 * minute));
  t.notOk(repeats.isRepeat('v1', 2, 29 * minute), 'another article');
  t.notOk(repeats.isRepeat('v2', 1, 29 * minute), 'another visitor');
  t.notOk(repeats.isRepeat('v1', 1, 30 * minute), 'the period is over');
  t.ok(repeats.isRepeat('v1', 1, 59 * minute), 'a new period started with the counted view');
});

t.test('within the period to the millisecond: never a second short, at most a second long', async (t) => {
  const repeats = new MemoryRepeatViews(100, 30 * minute);
  const counted = Date.parse('2026-03-02T12:00:00.900Z');
  t.notOk(repeats.isRepeat('v1', 1, counted));
  t.ok(repeats.isRepeat('v1', 1, counted + 30 * minute - 800), '29:59.2 later is still within it');
  t.ok(repeats.isRepeat('v1', 1, counted + 30 * minute - 1), 'and 29:59.999');
  t.notOk(repeats.isRepeat('v1', 1, counted + 30 * minute + 100), '30:00.1 later, over');
  const onTheSecond = Date.parse('2026-03-02T13:00:00.000Z');
  t.notOk(repeats.isRepeat('v2', 1, onTheSecond));
  t.ok(repeats.isRepeat('v2', 1, onTheSecond + 30 * minute - 1));
  t.notOk(repeats.isRepeat('v2', 1, onTheSecond + 30 * minute), 'a view on a whole second: exactly 30 minutes');
});

t.test('the memory holds at most maxEntries pairs, forgetting the oldest first', async (t) => {
  const repeats = new MemoryRepeatViews(3, 30 * minute);
  for (const visitor of ['a', 'b', 'c', 'd']) repeats.isRepeat(visitor, 1, 0);
  t.equal(repeats.size, 3);
  t.notOk(repeats.isRepeat('a', 1, minute), 'the oldest was forgotten, so its repeat counts');
  t.ok(repeats.isRepeat('d', 1, minute), 'the newest is remembered');
});

t.test('pairs whose period is over are swept from the memory as new ones come', async (t) => {
  const repeats = new MemoryRepeatViews(10_000, 30 * minute);
  for (const visitor of ['a', 'b', 'c']) repeats.isRepeat(visitor, 1, 0);
  for (let i = 0; i < 1024; i += 1) repeats.isRepeat(`later-${i}`, 1, 45 * minute);
  t.equal(repeats.size, 1024, 'the three expired pairs are gone');
});
