// `npm run keys -- create|list|revoke`: manages API keys in the database at DATABASE_PATH.
// A thin shell over src/auth/keys.ts; commander parses the arguments.
import { Command, InvalidArgumentError, Option } from 'commander';
import { createKey, listKeys, revokeKey, roles } from '../auth/keys.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { announceNewDatabase } from './database-path.js';

function withDatabase<T>(work: (database: ReturnType<typeof openDatabase>) => T): T {
  const path = loadConfig().DATABASE_PATH;
  announceNewDatabase(path);
  const database = openDatabase(path, { besideService: true });
  try {
    return work(database);
  } finally {
    database.close();
  }
}

function nonEmpty(value: string): string {
  if (value.trim().length === 0 || value.length > 200) throw new InvalidArgumentError('must be 1 to 200 characters');
  return value.trim();
}

const program = new Command('keys').description('Create, list and revoke API keys.');

program
  .command('create')
  .description('Create a key; the key is printed once, alone on the last line.')
  .addOption(new Option('--role <role>', 'what the key may do').choices(roles).makeOptionMandatory())
  .requiredOption('--name <name>', 'who or what the key is for', nonEmpty)
  .action((options: { role: (typeof roles)[number]; name: string }) => {
    const key = withDatabase(({ db }) => createKey(db, { name: options.name, role: options.role }));
    process.stdout.write(`Created key ${key.id} (${key.role}) for "${key.name}". It is shown only now:\n${key.secret}\n`);
  });

program
  .command('list')
  .description('List keys (never the keys themselves).')
  .action(() => {
    const keys = withDatabase(({ db }) => listKeys(db));
    for (const key of keys) {
      const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
      process.stdout.write(`${key.id}\t${key.role}\t${state}\t${key.createdAt.toISOString()}\t${key.name}\n`);
    }
    if (keys.length === 0) process.stdout.write('No keys.\n');
  });

program
  .command('revoke')
  .description('Revoke a key by id; it stops working at once.')
  .argument('<id>', 'the key id shown by create and list')
  .action((id: string) => {
    if (!withDatabase(({ db }) => revokeKey(db, id))) {
      process.stderr.write(`No key has the id ${id}.\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`Revoked ${id}.\n`);
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
