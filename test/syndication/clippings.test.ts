import { readFileSync } from 'node:fs';
import t from 'tap';
import { parseClipping, parsePublicationLine } from '../../src/syndication/transfer/clippings.js';
import { wallTimeToInstant } from '../../src/syndication/transfer/local-time.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

t.test('a clipping with header, captioned and plain "Read more" boxes and page furniture', async (t) => {
  const result = parseClipping(fixture('ferry-suspended.txt'), 'UTC');
  if (!result.ok) throw new Error(result.reason);
  const { clipping } = result;
  t.equal(clipping.headline, 'Harbour ferry service suspended as ice closes the channel', 'the header is not the headline');
  t.equal(clipping.standfirst, 'Operators say crossings will resume once breakers clear the route “within days”');
  t.same(
    clipping.body.map((block) => (block.type === 'paragraph' ? 'p' : `read-more:${block.headline}:${block.caption ?? ''}`)),
    [
      'read-more:Icebreaker crew works through the night to reopen shipping lane:Icebreaker Aurora leaving the eastern quay',
      'p',
      'p',
      'read-more:Council weighs a second ferry terminal:',
      'p',
    ],
  );
  t.match(clipping.body[4], { text: /^“Safety comes first,” the harbour master/ }, 'typographic quotes kept');
  t.equal(clipping.publishedAt, Date.parse('2024-01-08T23:05:00Z'));
  t.equal(clipping.sourceName, 'Harbour Gazette');
});

t.test('no header, no furniture, no final newline, midnight', async (t) => {
  const plain = parseClipping(fixture('icebreaker.txt'), 'UTC');
  t.match(plain, {
    ok: true,
    clipping: { headline: 'Icebreaker crew works through the night to reopen shipping lane', sourceName: 'Coastal Wire' },
  });
  const festival = parseClipping(fixture('festival-no-final-newline.txt'), 'Europe/Paris');
  if (!festival.ok) throw new Error(festival.reason);
  t.equal(festival.clipping.headline, 'Summer festival opens with record crowds');
  t.equal(festival.clipping.sourceName, 'Promenade News');
  t.equal(festival.clipping.publishedAt, Date.parse('2024-06-13T22:00:00Z'), '12:00AM in Paris, summer time');
  t.equal(festival.clipping.body.length, 2);
  const crlf = parseClipping(fixture('icebreaker.txt').replaceAll('\n', '\r\n'), 'UTC');
  t.same(crlf, plain, 'Windows line ends read the same');
});

t.test('files that are not clippings say why', async (t) => {
  t.match(parseClipping(fixture('two-line-headline.txt'), 'UTC'), { ok: false, reason: /headline block has 2 lines/ });
  t.match(parseClipping(fixture('notes.txt'), 'UTC'), { ok: false, reason: /no publication time line/ });
  t.match(parseClipping(fixture('bad-read-more.txt'), 'UTC'), { ok: false, reason: /"Read more" box/ });
  t.match(parseClipping('', 'UTC'), { ok: false, reason: /empty/ });
  t.match(parseClipping('Only a headline', 'UTC'), { ok: false, reason: /headline and standfirst/ });
  t.match(parseClipping('H\n\nS\n\nP\n\nApril 14, 2023 at 05:30PM', 'UTC'), { ok: false, reason: /source/ });
  t.match(parseClipping('H\n\nS\n\nApril 14, 2023 at 05:30PM\nRT', 'UTC'), { ok: false, reason: /no paragraphs/ });
});

t.test('publication times in a time zone, across daylight saving time', async (t) => {
  t.equal(parsePublicationLine('April 14, 2023 at 05:30PM', 'Europe/Moscow'), Date.parse('2023-04-14T14:30:00Z'));
  t.equal(parsePublicationLine('April 14, 2023 at 05:30PM', 'UTC'), Date.parse('2023-04-14T17:30:00Z'));
  t.equal(parsePublicationLine('January 1, 2024 at 12:15PM', 'America/New_York'), Date.parse('2024-01-01T17:15:00Z'));
  t.equal(parsePublicationLine('July 1, 2024 at 12:15PM', 'America/New_York'), Date.parse('2024-07-01T16:15:00Z'));
  t.equal(parsePublicationLine('April 14, 2023 at 13:30PM', 'UTC'), null);
  t.equal(parsePublicationLine('Smarch 14, 2023 at 05:30PM', 'UTC'), null);
  // A day the month does not have is no date (it was taken as a day of the next month).
  for (const line of ['February 30, 2023 at 12:00AM', 'February 29, 2023 at 12:00AM', 'April 31, 2024 at 09:00AM'])
    t.equal(parsePublicationLine(line, 'UTC'), null, line);
  t.equal(parsePublicationLine('February 29, 2024 at 12:00AM', 'UTC'), Date.parse('2024-02-29T00:00:00Z'), 'a leap day');
  t.equal(parsePublicationLine('December 31, 2023 at 11:59PM', 'UTC'), Date.parse('2023-12-31T23:59:00Z'));
  // 02:30 does not exist in New York on 2024-03-10, nor in Berlin on 2023-03-26: read with the
  // offset in force before the jump, on either side of UTC (03:30 EDT; 03:30 CEST).
  const at = (zone: string, year: number, month: number, day: number, hour: number, minute = 30) =>
    new Date(wallTimeToInstant({ year, month, day, hour, minute }, zone)).toISOString();
  t.equal(at('America/New_York', 2024, 3, 10, 2), '2024-03-10T07:30:00.000Z');
  t.equal(at('Europe/Berlin', 2023, 3, 26, 2), '2023-03-26T01:30:00.000Z');
  // 01:30 happens twice in New York on 2023-11-05 and 02:30 in Berlin on 2023-10-29: the first.
  t.equal(at('America/New_York', 2023, 11, 5, 1), '2023-11-05T05:30:00.000Z');
  t.equal(at('Europe/Berlin', 2023, 10, 29, 2), '2023-10-29T00:30:00.000Z');
  // Around them, and half-hour zones, as the clocks show.
  t.equal(at('America/New_York', 2024, 3, 10, 3), '2024-03-10T07:30:00.000Z');
  t.equal(at('America/New_York', 2024, 3, 10, 1), '2024-03-10T06:30:00.000Z');
  t.equal(at('Australia/Lord_Howe', 2024, 4, 7, 1, 45), '2024-04-06T14:45:00.000Z');
  t.equal(at('Asia/Kolkata', 2024, 1, 1, 0, 0), '2023-12-31T18:30:00.000Z');
});
