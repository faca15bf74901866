import { join } from 'node:path';
import t from 'tap';
import { openDatabase, pageCacheKib } from '../../src/db/open.js';
import { tempDir } from '../helpers/app.js';

t.test('the service’s connection keeps a small page cache of its own and maps nothing', async (t) => {
  const database = openDatabase(join(tempDir(t), 'content.db'));
  t.teardown(() => database.close());
  t.equal(
    database.sqlite.pragma('cache_size', { simple: true }),
    -pageCacheKib,
    'cache_size in KiB, not the 16 MB build default',
  );
  t.ok(pageCacheKib < 16_000);
  t.equal(database.sqlite.pragma('mmap_size', { simple: true }), 0, 'no memory-mapped I/O: mapped pages would count as resident');
  t.equal(database.sqlite.pragma('synchronous', { simple: true }), 1, 'NORMAL');
});
