import t from 'tap';
import { MemoryRepresentationStore } from '../../src/http/representation-store.js';

t.test('the store is bounded by bytes and drops the least recently used first', async (t) => {
  const store = new MemoryRepresentationStore<string>(100);
  store.set('a', 'A', 40);
  store.set('b', 'B', 40);
  t.equal(store.get('a'), 'A', 'touching a makes b the oldest');
  store.set('c', 'C', 40);
  t.equal(store.get('b'), undefined, 'b was evicted');
  t.equal(store.get('a'), 'A');
  t.equal(store.get('c'), 'C');
  t.ok(store.size <= 100);
  store.resize('a', 50);
  t.equal(store.get('c'), undefined, 'growing an entry evicts others');
  t.equal(store.size, 91, 'a: 41 bytes and 50 more');
  store.resize('a', -30);
  t.equal(store.size, 61, 'an entry that shrinks holds less');
  t.equal(store.get('a'), 'A');
  for (let i = 0; i < 10_000; i += 1) store.set(`junk-${i}`, 'x', 10);
  t.ok(store.size <= 100, 'no number of distinct keys grows it past its bound');
  store.clear();
  t.equal(store.size, 0);
});

t.test('delete drops the entry, and its bytes, and keeps the others', async (t) => {
  const store = new MemoryRepresentationStore<string>(1_000);
  for (const key of ['a', 'b', 'c', 'd']) store.set(key, key.toUpperCase(), 99);
  store.delete('b');
  store.delete('d');
  store.delete('e');
  t.same(
    ['a', 'b', 'c', 'd'].map((key) => store.get(key)),
    ['A', undefined, 'C', undefined],
  );
  t.equal(store.size, 200, 'two entries of 99 bytes and a one-byte key');
});

t.test('an entry larger than the whole store is not kept, and evicts nothing', async (t) => {
  const store = new MemoryRepresentationStore<string>(100);
  store.set('a', 'A', 40);
  store.set('huge', 'H', 500);
  t.equal(store.get('huge'), undefined);
  t.equal(store.get('a'), 'A');
  t.equal(store.size, 41);
});
