// The traffic of the crash test (test/e2e/crash.test.ts): editor writes and views sent
// concurrently to a server until it dies, with a ledger of what was acknowledged and of what was
// in flight when it died (committed or not, either is right).

/** A seeded generator (mulberry32), so a failing cycle can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** An article the test created, as acknowledged, and the change in flight when the server died. */
export interface TrackedArticle {
  id: string;
  headline: string;
  /** A headline sent but never answered: it may or may not be stored. */
  pendingHeadline: string | null;
  related: string[] | null;
  pendingRelated: string[] | null;
  deleted: 'no' | 'acknowledged' | 'pending';
}

export interface Ledger {
  articles: TrackedArticle[];
  /** observedAt (ms) of every acknowledged observation. */
  observations: number[];
  viewsAcknowledged: number;
  /** Views sent in requests never answered: counted or not. */
  viewsUnanswered: number;
  /** Answers that are neither the expected success nor a refusal under load: must stay empty. */
  unexpected: string[];
}

export function emptyLedger(): Ledger {
  return { articles: [], observations: [], viewsAcknowledged: 0, viewsUnanswered: 0, unexpected: [] };
}

export interface Workload {
  baseUrl: string;
  editorKey: string;
  /** Published articles views and related lists may point at. */
  targets: Array<{ id: string; slug: string }>;
  random: () => number;
  ledger: Ledger;
  /** Names this cycle's articles and observation times apart from the other cycles'. */
  cycle: number;
}

const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

/** The status, or null when the connection failed (the server died with the request in flight). */
async function send(
  work: Workload,
  method: string,
  path: string,
  body: unknown,
  editor = true,
): Promise<{ status: number; json: unknown } | null> {
  try {
    const res = await fetch(`${work.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        'user-agent': browser,
        ...(editor ? { authorization: `Bearer ${work.editorKey}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text.length > 0 ? JSON.parse(text) : null };
  } catch {
    return null;
  }
}

/** True when acknowledged; an answer other than `expected` or a refusal under load is noted as unexpected. */
function acknowledged(work: Workload, what: string, answer: { status: number } | null, expected: number): boolean {
  if (answer === null) return false;
  if (answer.status === expected) return true;
  if (answer.status !== 503 && answer.status !== 429) work.ledger.unexpected.push(`${what}: ${answer.status}`);
  return false;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

/** One editor: creates an article, then changes it, lists related ones or deletes it, until the server dies. */
export async function editorLoop(work: Workload, worker: number): Promise<void> {
  for (let n = 0; ; n += 1) {
    const headline = `Crash cycle ${work.cycle} editor ${worker} article ${n}`;
    const created = await send(work, 'POST', '/v1/articles', {
      headline,
      standfirst: 'Written while the server may die at any moment.',
      section: 'world',
      tags: ['crash'],
      source: { name: 'Newsroom Staff' },
      body: [{ type: 'paragraph', text: `Paragraph of ${headline}.` }],
    });
    if (created === null || !acknowledged(work, 'create', created, 201)) return;
    const id = (created.json as { id: string }).id;
    const article: TrackedArticle = { id, headline, pendingHeadline: null, related: null, pendingRelated: null, deleted: 'no' };
    work.ledger.articles.push(article);
    for (let step = 0; step < 4; step += 1) {
      const roll = work.random();
      if (roll < 0.5) {
        const next = `${headline} version ${step}`;
        article.pendingHeadline = next;
        if (!acknowledged(work, 'update', await send(work, 'PATCH', `/v1/articles/${id}`, { headline: next }), 200)) return;
        article.headline = next;
        article.pendingHeadline = null;
      } else if (roll < 0.8) {
        const list = [pick(work.random, work.targets).id];
        article.pendingRelated = list;
        if (!acknowledged(work, 'related', await send(work, 'PUT', `/v1/articles/${id}/related`, { articleIds: list }), 200))
          return;
        article.related = list;
        article.pendingRelated = null;
      } else {
        article.deleted = 'pending';
        if (!acknowledged(work, 'delete', await send(work, 'DELETE', `/v1/articles/${id}`, undefined), 204)) return;
        article.deleted = 'acknowledged';
        break;
      }
    }
  }
}

/** Weather observations for delhi, each at a moment of its own. */
export async function observationLoop(work: Workload): Promise<void> {
  for (let n = 0; ; n += 1) {
    const observedAt = Date.UTC(2024, 0, 1) + (work.cycle * 100_000 + n) * 60_000;
    const payload = { observedAt: new Date(observedAt).toISOString(), temperatureC: 20 + (n % 10) };
    if (!acknowledged(work, 'observation', await send(work, 'POST', '/v1/cities/delhi/observations', payload), 201)) return;
    work.ledger.observations.push(observedAt);
  }
}

/** A reader's page: batches of views of published articles. */
export async function viewLoop(work: Workload): Promise<void> {
  for (;;) {
    const events = Array.from({ length: 1 + Math.floor(work.random() * 20) }, () => ({
      article: pick(work.random, work.targets).slug,
    }));
    const answer = await send(work, 'POST', '/v1/views', { events }, false);
    if (answer === null) {
      work.ledger.viewsUnanswered += events.length;
      return;
    }
    if (!acknowledged(work, 'views', answer, 202)) return;
    work.ledger.viewsAcknowledged += (answer.json as { accepted: number }).accepted;
  }
}
