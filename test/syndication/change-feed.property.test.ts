// Property: for random sequences of article writes and clock moves, a partner that applies the
// change feed in order, from whatever point it started, holds exactly the visible, syndicable
// articles in the version the public reads now.
import fc from 'fast-check';
import t from 'tap';
import { articleBody, buildTestApp, type TestApp } from '../helpers/app.js';

type Op =
  | { kind: 'create'; status: 'draft' | 'published'; inMinutes: number; syndicable: boolean }
  | { kind: 'edit'; target: number; headline: string }
  | { kind: 'publish'; target: number }
  | { kind: 'unpublish'; target: number }
  | { kind: 'schedule'; target: number; inMinutes: number }
  | { kind: 'advance'; minutes: number }
  | { kind: 'delete'; target: number }
  | { kind: 'syndication'; target: number; allowed: boolean }
  | { kind: 'sync'; partner: number; limit: number }
  | { kind: 'join'; partner: number }
  | { kind: 'link'; target: number; to: number };

const target = fc.nat(50);
const minutesAhead = fc.integer({ min: 1, max: 120 });
// Weighted so that short runs still reach the interesting orders: schedule, sync, then come due.
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      status: fc.constantFrom('draft' as const, 'published' as const),
      inMinutes: fc.oneof(fc.constant(0), fc.integer({ min: -60, max: -1 }), minutesAhead),
      syndicable: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      target,
      headline: fc.constantFrom('Rates rise', 'Ministers <b>meet</b> & "talk"', 'Storm ends'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('publish' as const), target }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unpublish' as const), target }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('schedule' as const), target, inMinutes: minutesAhead }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 90 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), target }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('syndication' as const), target, allowed: fc.boolean() }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('sync' as const), partner: fc.nat(2), limit: fc.integer({ min: 1, max: 5 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('join' as const), partner: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('link' as const), target, to: target }) },
);

/** Orders worth checking on every run, whatever the random ones find. */
const examples: Op[][] = [
  [
    { kind: 'create', status: 'published', inMinutes: 10, syndicable: true },
    { kind: 'sync', partner: 0, limit: 2 },
    { kind: 'advance', minutes: 20 },
  ],
  [
    { kind: 'create', status: 'published', inMinutes: 0, syndicable: true },
    { kind: 'sync', partner: 0, limit: 2 },
    { kind: 'syndication', target: 0, allowed: false },
    { kind: 'sync', partner: 1, limit: 1 },
    { kind: 'unpublish', target: 0 },
    { kind: 'syndication', target: 0, allowed: true },
    { kind: 'schedule', target: 0, inMinutes: 5 },
    { kind: 'sync', partner: 0, limit: 2 },
    { kind: 'advance', minutes: 6 },
    { kind: 'sync', partner: 1, limit: 2 },
    { kind: 'delete', target: 0 },
  ],
  [
    { kind: 'create', status: 'published', inMinutes: 0, syndicable: true },
    { kind: 'create', status: 'published', inMinutes: 0, syndicable: false },
    { kind: 'link', target: 0, to: 1 },
    { kind: 'sync', partner: 0, limit: 5 },
    { kind: 'edit', target: 1, headline: 'Storm ends' },
    { kind: 'sync', partner: 1, limit: 5 },
    { kind: 'schedule', target: 1, inMinutes: 30 },
    { kind: 'sync', partner: 0, limit: 5 },
    { kind: 'advance', minutes: 31 },
  ],
];

interface Partner {
  after: number;
  held: Map<string, unknown>;
}

async function sync(app: TestApp, partner: Partner, limit: number): Promise<void> {
  for (;;) {
    const res = await app.app.inject({
      url: `/v1/syndication/changes?after=${partner.after}&limit=${limit}`,
      headers: app.auth('partner'),
    });
    const page = res.json() as { data: Array<{ seq: number; op: string; id?: string; article?: { id: string } }>; next: number };
    let previous = partner.after;
    for (const change of page.data) {
      if (change.seq <= previous) throw new Error(`sequence numbers not increasing: ${change.seq} after ${previous}`);
      previous = change.seq;
      if (change.op === 'upsert' && change.article) partner.held.set(change.article.id, change.article);
      else if (change.id) partner.held.delete(change.id);
    }
    partner.after = page.next;
    if (page.data.length === 0) return;
  }
}

async function apply(app: TestApp, ids: string[], op: Op, partners: Partner[]): Promise<void> {
  const headers = app.auth('editor');
  const minutes = (n: number) => new Date(app.clock.now() + n * 60_000).toISOString();
  const patch = async (index: number, payload: Record<string, unknown>) => {
    const id = ids[index % Math.max(ids.length, 1)];
    if (id === undefined) return;
    await app.app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers, payload });
  };
  app.clock.advance(1000);
  switch (op.kind) {
    case 'create': {
      const payload = articleBody({
        headline: `Article ${ids.length}`,
        status: op.status,
        publishedAt: op.inMinutes === 0 ? undefined : minutes(op.inMinutes),
        syndication: { allowed: op.syndicable },
      });
      const res = await app.app.inject({ method: 'POST', url: '/v1/articles', headers, payload });
      ids.push(res.json().id);
      return;
    }
    case 'edit':
      return patch(op.target, { headline: op.headline });
    case 'publish':
      return patch(op.target, { status: 'published' });
    case 'unpublish':
      return patch(op.target, { status: 'draft' });
    case 'schedule':
      return patch(op.target, { status: 'published', publishedAt: minutes(op.inMinutes) });
    case 'syndication':
      return patch(op.target, { syndication: { allowed: op.allowed } });
    case 'advance':
      app.clock.advance(op.minutes * 60_000);
      return;
    case 'delete': {
      const id = ids[op.target % Math.max(ids.length, 1)];
      if (id !== undefined) await app.app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers });
      return;
    }
    case 'sync': {
      const partner = partners[op.partner];
      if (partner) await sync(app, partner, op.limit);
      return;
    }
    case 'link': {
      // A "Read more" box shows its target's headline, or nothing once the target is not public.
      const to = ids[op.to % Math.max(ids.length, 1)];
      const body = [
        { type: 'paragraph', text: 'Text.' },
        { type: 'related', articleId: to },
      ];
      return patch(op.target, { body });
    }
    case 'join':
      // A partner starting afresh from sequence number 0 at this point.
      partners[op.partner] = { after: 0, held: new Map() };
      return;
  }
}

/** What a partner should hold: every article the public reads now and partners may republish. */
async function expected(app: TestApp, ids: string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const id of ids) {
    const res = await app.app.inject({ url: `/v1/articles/${id}` });
    if (res.statusCode === 200 && res.json().syndication.allowed) out.set(id, res.json());
  }
  return out;
}

t.test('a partner applying the change feed holds exactly the visible, syndicable articles', async (t) => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 30 }), async (ops) => {
      runs += 1;
      let failure: unknown = null;
      await t.test(`run ${runs}`, async (run) => {
        const app = await buildTestApp(run, { demo: false });
        const ids: string[] = [];
        const partners: Partner[] = [0, 1, 2].map(() => ({ after: 0, held: new Map() }));
        for (const op of ops) await apply(app, ids, op, partners);
        const want = await expected(app, ids);
        for (const partner of partners) {
          await sync(app, partner, 3);
          if (JSON.stringify([...partner.held].sort()) !== JSON.stringify([...want].sort())) {
            failure = new Error(`partner holds ${[...partner.held.keys()]} but should hold ${[...want.keys()]}`);
          }
        }
        run.pass('applied');
      });
      if (failure) throw failure;
    }),
    { numRuns: 100, examples: examples.map((ops) => [ops]) },
  );
  t.ok(runs >= 100, 'every generated sequence ran');
});
