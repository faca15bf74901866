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
  /** Answers that are neither the expected success nor a refusal under load: must stay empty. */
  unexpected: string[];
}

export function emptyLedger(): Ledger {
  return { articles: [], observations: [], unexpected: [] };
}

/** What one cycle (one server's life, up to its kill) did. */
export interface CycleTally {
  created: number;
  observations: number;
  viewBatches: number;
  viewsAcknowledged: number;
  /** Views sent in requests never answered: counted or not. */
  viewsUnanswered: number;
  /** Refusals under load (503 overloaded, 429 rate-limited), each retried. */
  refused: number;
  /** Requests sent and not answered yet. */
  inFlight: number;
  /** Set once the kill is sent (killing): a connection that fails after it is the kill's doing. */
  killed: boolean;
  /** Requests sent and not answered when the kill was sent: the loops were at work. */
  inFlightAtKill: number;
  /** Of those, the ones whose connection the kill broke (the others' answers had arrived). */
  cutOff: number;
}

export function emptyTally(): CycleTally {
  return {
    created: 0,
    observations: 0,
    viewBatches: 0,
    viewsAcknowledged: 0,
    viewsUnanswered: 0,
    refused: 0,
    inFlight: 0,
    killed: false,
    inFlightAtKill: 0,
    cutOff: 0,
  };
}

/** Call as the kill is sent, in the same turn of the event loop. */
export function killing(tally: CycleTally): void {
  tally.killed = true;
  tally.inFlightAtKill = tally.inFlight;
}

export interface Workload {
  baseUrl: string;
  editorKey: string;
  /** Published articles views and related lists may point at. */
  targets: Array<{ id: string; slug: string }>;
  random: () => number;
  ledger: Ledger;
  tally: CycleTally;
  /** Names this cycle's articles and observation times apart from the other cycles'. */
  cycle: number;
}

const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

/**
 * The refusals a busy service may answer (src/http/problems.ts), written out: anything else,
 * a 503 that is not shedding load (a journal that cannot be written) say, is a failure.
 */
const refusals: Record<number, string> = {
  503: 'urn:content-api:problem:overloaded',
  429: 'urn:content-api:problem:rate-limited',
};

/** Before retrying a refused request: the service asks for seconds, a cycle lasts less than one. */
const retryPauseMs = 10;

/**
 * The expected answer; or the request was in flight when the server died ('cut off': it may or
 * may not have been done), or sent after ('too late'); or the answer was unexpected (noted).
 */
type Outcome = { status: number; json: unknown } | 'cut off' | 'too late' | 'unexpected';

/** Sends until the answer is `expected`, retrying refusals under load. */
async function send(
  work: Workload,
  what: string,
  method: string,
  path: string,
  body: unknown,
  expected: number,
  editor = true,
): Promise<Outcome> {
  for (;;) {
    const sentBeforeKill = !work.tally.killed;
    let status: number;
    let text: string;
    work.tally.inFlight += 1;
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
      status = res.status;
      text = await res.text();
    } catch (error) {
      if (!work.tally.killed) {
        work.ledger.unexpected.push(`${what}: the connection failed before the kill (${String(error)})`);
        return 'unexpected';
      }
      if (!sentBeforeKill) return 'too late';
      work.tally.cutOff += 1;
      return 'cut off';
    } finally {
      work.tally.inFlight -= 1;
    }
    let json: unknown;
    try {
      json = text.length > 0 ? JSON.parse(text) : null;
    } catch {
      work.ledger.unexpected.push(`${what}: ${status} with a body that is not JSON: ${text.slice(0, 200)}`);
      return 'unexpected';
    }
    if (status === expected) return { status, json };
    const type = (json as { type?: unknown } | null)?.type;
    if (refusals[status] === undefined || type !== refusals[status]) {
      work.ledger.unexpected.push(`${what}: ${status} ${text.slice(0, 200)}`);
      return 'unexpected';
    }
    work.tally.refused += 1;
    await new Promise((resolve) => setTimeout(resolve, retryPauseMs));
  }
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
    const created = await send(
      work,
      'create',
      'POST',
      '/v1/articles',
      {
        headline,
        standfirst: 'Written while the server may die at any moment.',
        section: 'world',
        tags: ['crash'],
        source: { name: 'Newsroom Staff' },
        body: [{ type: 'paragraph', text: `Paragraph of ${headline}.` }],
      },
      201,
    );
    if (typeof created !== 'object') return;
    const id = (created.json as { id: string }).id;
    const article: TrackedArticle = { id, headline, pendingHeadline: null, related: null, pendingRelated: null, deleted: 'no' };
    work.ledger.articles.push(article);
    work.tally.created += 1;
    for (let step = 0; step < 4; step += 1) {
      const roll = work.random();
      if (roll < 0.5) {
        const next = `${headline} version ${step}`;
        article.pendingHeadline = next;
        if (typeof (await send(work, 'update', 'PATCH', `/v1/articles/${id}`, { headline: next }, 200)) !== 'object') return;
        article.headline = next;
        article.pendingHeadline = null;
      } else if (roll < 0.8) {
        const list = [pick(work.random, work.targets).id];
        article.pendingRelated = list;
        if (typeof (await send(work, 'related', 'PUT', `/v1/articles/${id}/related`, { articleIds: list }, 200)) !== 'object')
          return;
        article.related = list;
        article.pendingRelated = null;
      } else {
        article.deleted = 'pending';
        if (typeof (await send(work, 'delete', 'DELETE', `/v1/articles/${id}`, undefined, 204)) !== 'object') return;
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
    if (typeof (await send(work, 'observation', 'POST', '/v1/cities/delhi/observations', payload, 201)) !== 'object') return;
    work.ledger.observations.push(observedAt);
    work.tally.observations += 1;
  }
}

/** A reader's page: batches of views of published articles. */
export async function viewLoop(work: Workload): Promise<void> {
  for (;;) {
    const events = Array.from({ length: 1 + Math.floor(work.random() * 20) }, () => ({
      article: pick(work.random, work.targets).slug,
    }));
    const answer = await send(work, 'views', 'POST', '/v1/views', { events }, 202, false);
    if (typeof answer !== 'object') {
      // Journaled or not when the server died: counted or not.
      if (answer === 'cut off') work.tally.viewsUnanswered += events.length;
      return;
    }
    work.tally.viewBatches += 1;
    work.tally.viewsAcknowledged += (answer.json as { accepted: number }).accepted;
  }
}
