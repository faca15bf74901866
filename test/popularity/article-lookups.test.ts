// The views' article look-ups: what a key names, kept until its set needs the entry or the
// article changes, and loaded again then.
import t from 'tap';
import { ArticleLookups } from '../../src/popularity/article-lookups.js';
import type { ArticleFacts } from '../../src/popularity/repository.js';

function facts(pk: number, changes: Partial<ArticleFacts> = {}): ArticleFacts {
  return { pk, section: 'world', status: 'published', publishedAt: 1_000, deletedAt: null, hideFromPopular: false, ...changes };
}

/** A table over `stored` (key → facts) that counts its loads per key. */
function tableOver(entries: number, stored: Map<string, ArticleFacts>) {
  const loads = new Map<string, number>();
  const lookups = new ArticleLookups(entries, (key) => {
    loads.set(key, (loads.get(key) ?? 0) + 1);
    return stored.get(key) ?? null;
  });
  return { lookups, loads };
}

t.test('a key gives its article and when it counts views, loaded once while kept', async (t) => {
  const stored = new Map<string, ArticleFacts>([
    ['live-story', facts(7)],
    ['art_0000000000000000000000a', facts(7)],
    ['scheduled', facts(8, { publishedAt: 5_000 })],
    ['draft', facts(9, { status: 'draft', publishedAt: null })],
    ['deleted', facts(10, { deletedAt: 2_000 })],
  ]);
  const { lookups, loads } = tableOver(1_024, stored);
  for (let round = 0; round < 3; round += 1) {
    const live = lookups.entryOf('live-story');
    t.equal(lookups.pkAt(live), 7);
    t.ok(lookups.visibleAt(live, 1_000), 'visible from its publication');
    t.notOk(lookups.visibleAt(live, 999), 'not before');
    t.equal(lookups.pkAt(lookups.entryOf('art_0000000000000000000000a')), 7, 'by id as by slug');
    t.ok(lookups.visibleAt(lookups.entryOf('scheduled'), 5_000));
    t.notOk(lookups.visibleAt(lookups.entryOf('scheduled'), 4_999), 'scheduled: not yet');
    t.notOk(lookups.visibleAt(lookups.entryOf('draft'), 1e15), 'a draft never');
    t.notOk(lookups.visibleAt(lookups.entryOf('deleted'), 1e15), 'a deleted article never');
    const missing = lookups.entryOf('no-such-story');
    t.equal(lookups.pkAt(missing), 0);
    t.notOk(lookups.visibleAt(missing, 1e15), 'no article, no views');
  }
  t.same(
    [...loads.values()].every((count) => count === 1),
    true,
    'each key, the missing one too, loaded once in three rounds',
  );
  t.equal(loads.size, 6);
});

t.test('forgetting a key loads it again: an edit, a deletion or a new article shows at once', async (t) => {
  const stored = new Map<string, ArticleFacts>();
  const { lookups, loads } = tableOver(1_024, stored);
  t.notOk(lookups.visibleAt(lookups.entryOf('breaking'), 2_000), 'not stored yet');
  stored.set('breaking', facts(3));
  t.notOk(lookups.visibleAt(lookups.entryOf('breaking'), 2_000), 'kept as missing until forgotten');
  lookups.forget('breaking');
  lookups.forget('never-looked-up');
  const entry = lookups.entryOf('breaking');
  t.equal(lookups.pkAt(entry), 3);
  t.ok(lookups.visibleAt(entry, 2_000));
  stored.set('breaking', facts(3, { deletedAt: 2_500 }));
  lookups.forget('breaking');
  t.notOk(lookups.visibleAt(lookups.entryOf('breaking'), 3_000), 'deleted');
  t.equal(loads.get('breaking'), 3);
});

t.test('past its size the table drops keys, never mixes them up, and keeps the ones in use', async (t) => {
  const count = 20_000;
  const stored = new Map<string, ArticleFacts>();
  for (let pk = 1; pk <= count; pk += 1) stored.set(`story-${pk}`, facts(pk, { publishedAt: pk }));
  const { lookups, loads } = tableOver(256, stored);
  let wrong = 0;
  for (let pass = 0; pass < 2; pass += 1) {
    for (let pk = 1; pk <= count; pk += 1) {
      const entry = lookups.entryOf(`story-${pk}`);
      if (lookups.pkAt(entry) !== pk || !lookups.visibleAt(entry, pk) || lookups.visibleAt(entry, pk - 1)) wrong += 1;
      // A few keys in constant use stay: each is looked up between every two new keys.
      for (const hot of [1, 2, 3]) if (lookups.pkAt(lookups.entryOf(`story-${hot}`)) !== hot) wrong += 1;
    }
  }
  t.equal(wrong, 0, 'every look-up gave its own article');
  t.equal(loads.get('story-5000'), 2, 'a key dropped for lack of room is loaded again');
  t.same(
    [1, 2, 3].map((hot) => loads.get(`story-${hot}`)),
    [1, 1, 1],
    'keys in constant use are never dropped',
  );
});
