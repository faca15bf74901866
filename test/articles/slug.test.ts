import t from 'tap';
import { firstFreeSlug, slugify, slugifyBefore20261207 } from '../../src/articles/slug.js';

t.test('a slug is the headline in lower-case a-z and 0-9, words joined by single hyphens', async (t) => {
  t.equal(slugify('Harbour council approves the new ferry terminal'), 'harbour-council-approves-the-new-ferry-terminal');
  t.equal(slugify('Café owners’ “rent strike” ends — 100% of them reopen!'), 'cafe-owners-rent-strike-ends-100-of-them-reopen');
  t.equal(slugify("Don't panic"), 'dont-panic', 'apostrophes join, as readers write the word');
  t.equal(slugify('  --Spaces &  dashes--  '), 'spaces-dashes');
});

t.test('letters of every script are transliterated, not dropped', async (t) => {
  for (const [headline, slug] of [
    ['Straße gesperrt', 'strasse-gesperrt'],
    ['Øresund bridge closes', 'oresund-bridge-closes'],
    ['Łódź mayor resigns', 'lodz-mayor-resigns'],
    ['Việt Nam', 'viet-nam'],
    ['Москва: новый мост', 'moskva-novyy-most'],
    ['Ελλάδα εκλογές', 'ellada-ekloges'],
    ['नई दिल्ली में बारिश', 'ni-dilli-mem-baris'],
    ['北京 暴雨', 'beijing-baoyu'],
  ] as const) {
    t.equal(slugify(headline), slug, headline);
  }
  t.equal(slugify('Cafe\u0301 decomposed'), 'cafe-decomposed', 'combining accents are dropped like precomposed ones');
  t.equal(slugify('Temperatures hit 40°C'), 'temperatures-hit-40-c', 'symbols are not spelled out');
  t.equal(slugify('🔥 Wildfire spreads'), 'wildfire-spreads');
  t.equal(slugify('€5bn deal'), '5bn-deal');
  t.equal(slugify('zero\u200Bwidth'), 'zero-width', 'a zero-width space separates words');
});

t.test('a headline with nothing to spell is "article"; long ones are cut at a word', async (t) => {
  t.equal(slugify('!!! ??? …'), 'article');
  const long = slugify(`${'word '.repeat(30)}end`);
  t.ok(long.length <= 80, long);
  t.match(long, /^word(-word)*$/, 'cut after a whole word');
});

t.test('a taken slug gets the first free number', async (t) => {
  t.equal(firstFreeSlug('budget', new Set()), 'budget');
  t.equal(firstFreeSlug('budget', new Set(['budget', 'budget-2'])), 'budget-3');
});

t.test('the rule before transliteration, which the import looks under for articles it wrote then', async (t) => {
  t.equal(slugifyBefore20261207('Straße gesperrt'), 'stra-e-gesperrt');
  t.equal(slugifyBefore20261207('Новости дня'), 'article');
  t.equal(slugifyBefore20261207('Café owners’ strike'), 'cafe-owners-strike');
});
