// A write made on what its writer read outside the write's transaction (the import command,
// another process) names the revision it read: an edit made in between is never overwritten.
import t from 'tap';
import { articleBody, articleServiceOf, buildTestApp } from '../helpers/app.js';

t.test('a write at the revision its writer read is refused (412) once the article has moved on', async (t) => {
  const { app, auth, clock, database } = await buildTestApp(t, { demo: false });
  const articles = articleServiceOf({ database, clock });
  const { id } = (
    await app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: auth('editor'),
      payload: articleBody({ headline: 'First' }),
    })
  ).json();
  const read = articles.storedById(id);
  if (read === null) throw new Error('the article was not stored');

  const edited = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${id}`,
    headers: auth('editor'),
    payload: { headline: 'An editor’s headline' },
  });
  t.equal(edited.statusCode, 200);
  let refused: unknown;
  try {
    articles.patch(id, { standfirst: 'From the read before' }, { revision: read.revision }, { seesUnpublished: true });
  } catch (error) {
    refused = error;
  }
  t.match(refused, { status: 412 }, 'the edit in between is not overwritten');
  t.equal(articles.storedById(id)?.headline, 'An editor’s headline');
  const current = articles.storedById(id);
  const written = articles.patch(
    id,
    { standfirst: 'Read again' },
    { revision: current?.revision ?? -1 },
    { seesUnpublished: true },
  );
  t.equal(written.stored.standfirst, 'Read again', 'at the current revision it is written');
});
