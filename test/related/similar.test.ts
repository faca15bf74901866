import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { createArticle, idsOf, relatedOf } from './helpers.js';

const paragraph = (text: string) => [{ type: 'paragraph', text }];

// A cluster on one topic (a lighthouse restoration on Gull Island) sharing tags and words, and
// unrelated articles that share neither, some in the same section, some newer than the cluster.
const cluster = [
  [
    'Gull Island lighthouse restoration begins',
    'Volunteers start restoring the Gull Island lighthouse lantern and keepers cottage.',
  ],
  [
    'Lighthouse lantern returns to Gull Island',
    'The restored lantern of the Gull Island lighthouse is hoisted back onto the tower.',
  ],
  ['Keepers cottage on Gull Island reopens', 'The lighthouse keepers cottage opens as a museum of the island restoration.'],
  ['Gull Island lighthouse shines again', 'After the restoration the lighthouse lantern lights the island coast once more.'],
  [
    'Restoration funds for Gull Island lighthouse',
    'A grant pays for the lighthouse lantern and the keepers cottage on the island.',
  ],
];
const unrelated = [
  ['Tram fares rise in the capital', 'Commuters face higher tram fares from April as the operator cites costs.', 'world'],
  ['Chess champion defends her title', 'The reigning champion won the final game with a bold queen sacrifice.', 'sport'],
  ['Bakery chain reports record profits', 'Sales of sourdough loaves lifted the chain to its best year.', 'business'],
  ['New comet visible before dawn', 'Astronomers say the comet will be brightest next week, low in the east.', 'world'],
  ['Parliament debates pension reform', 'Members argue over the age at which state pensions begin.', 'world'],
  ['Island ferry timetable changes', 'The ferry to the northern island sails later on Sundays this summer.', 'world'],
];

t.test('the similar part ranks the whole cluster above every unrelated article', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  const clusterIds: string[] = [];
  for (const [index, [headline, standfirst]] of cluster.entries()) {
    clock.advance(60_000);
    clusterIds.push(
      await createArticle(t, app, editor, {
        headline,
        standfirst,
        section: index % 2 === 0 ? 'culture' : 'world',
        tags: ['lighthouses', 'gull-island', 'heritage'].slice(0, 2 + (index % 2)),
        body: paragraph(`${standfirst} The lighthouse restoration on Gull Island is led by the keepers trust.`),
      }),
    );
  }
  const unrelatedIds: string[] = [];
  for (const [headline, standfirst, section] of unrelated) {
    clock.advance(60_000); // newer than the whole cluster
    unrelatedIds.push(
      await createArticle(t, app, editor, { headline, standfirst, section, tags: ['other'], body: paragraph(standfirst ?? '') }),
    );
  }
  for (const id of clusterIds) {
    const list = await relatedOf(app, id, { limit: 20 });
    t.ok(
      list.every((entry) => entry.reason === 'similar'),
      'no editorial links here',
    );
    const ranked = idsOf(list);
    const others = clusterIds.filter((other) => other !== id);
    t.same(new Set(ranked.slice(0, others.length)), new Set(others), `${id}: the rest of the cluster comes first`);
    t.notOk(ranked.includes(id), 'never the article itself');
    t.equal(new Set(ranked).size, ranked.length, 'no duplicates');
    for (const unrelatedId of unrelatedIds) {
      const position = ranked.indexOf(unrelatedId);
      t.ok(position === -1 || position >= others.length, 'unrelated articles, if any, only after the cluster');
    }
  }
  t.equal((await relatedOf(app, clusterIds[0] ?? '', { limit: 2 })).length, 2, 'limit is honoured');
  const byDefault = idsOf(await relatedOf(app, clusterIds[0] ?? ''));
  t.equal(byDefault.length, 5, 'five by default');
  t.same(new Set(byDefault.slice(0, 4)), new Set(clusterIds.slice(1)), 'the cluster first');
});

t.test('shared tags outrank newer articles; the same section breaks ties, then newer first; the section fills up', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  // Each article's text is one word of its own, so only tags, section and date can rank them.
  const make = async (word: string, section: string, tags: string[]) => {
    clock.advance(60_000);
    return createArticle(t, app, editor, { headline: word, standfirst: word, section, tags, body: paragraph(word) });
  };
  const source = await make('Xylophone', 'world', ['alpha', 'beta']);
  const both = await make('Marmalade', 'sport', ['alpha', 'beta']);
  const otherSection = await make('Quagmire', 'sport', ['alpha']);
  const sameSection = await make('Zeppelin', 'world', ['beta']);
  const newerOther = await make('Bramble', 'sport', ['alpha']);
  const unrelated = await make('Walrus', 'world', ['gamma']);
  await make('Pelican', 'culture', ['delta']);
  t.same(
    idsOf(await relatedOf(app, source, { limit: 20 })),
    [both, sameSection, newerOther, otherSection, unrelated],
    'an article sharing nothing comes last, and only from the same section',
  );
  t.same(idsOf(await relatedOf(app, source, { limit: 2 })), [both, sameSection]);
});

t.test('the similar part never shows what the caller may not see', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  const tags = ['shared-topic'];
  const source = await createArticle(t, app, editor, { headline: 'Source', tags });
  const visible = await createArticle(t, app, editor, { headline: 'Visible twin', tags });
  const draft = await createArticle(t, app, editor, { headline: 'Draft twin', tags, status: 'draft' });
  const scheduled = await createArticle(t, app, editor, {
    headline: 'Scheduled twin',
    tags,
    publishedAt: '2099-01-01T00:00:00Z',
  });
  const deleted = await createArticle(t, app, editor, { headline: 'Deleted twin', tags });
  await app.inject({ method: 'DELETE', url: `/v1/articles/${deleted}`, headers: editor });
  for (const headers of [{}, editor]) {
    const ids = idsOf(await relatedOf(app, source, { limit: 20, headers }));
    t.same(ids, [visible], 'only the visible twin is similar');
    t.notOk(ids.includes(draft) || ids.includes(scheduled) || ids.includes(deleted));
  }
  t.equal((await app.inject({ url: `/v1/articles/${draft}/related` })).statusCode, 404, "a draft's list is not public");
  t.equal((await app.inject({ url: `/v1/articles/${draft}/related`, headers: editor })).statusCode, 200);
});

t.test('an article that became similar is suggested within five minutes, by the text it shares alone', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  const text = 'Quetzalcoatlus fossil unearthed near Zorbatown quarry';
  const source = await createArticle(t, app, editor, {
    headline: text,
    section: 'culture',
    tags: ['fossils'],
    body: paragraph(`${text}, say palaeontologists.`),
  });
  t.same(idsOf(await relatedOf(app, source)), [], 'nothing like it yet');
  // Another section and no shared tag: only its words can make it similar.
  const twin = await createArticle(t, app, editor, {
    headline: `${text} goes on show`,
    section: 'sport',
    tags: ['museums'],
    body: paragraph(`${text}, and the museum shows it.`),
  });
  t.same(idsOf(await relatedOf(app, source)), [], 'the cached list and the word counts behind it are kept a while');
  clock.advance(5 * 60_000 + 1000);
  t.same(idsOf(await relatedOf(app, source)), [twin], 'five minutes on, the twin is suggested');
});
