import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { describeStoreContract } from '../../src/store/contract.js';
import { appliedPgMigrations } from '../../src/store/postgres/migrate.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openStore } from '../../src/store/open-store.js';

// The Store contract against a REAL PostgreSQL server. Start one with
//   export LOG_GARDENER_TEST_PG_URL=$(scripts/pg-test-server.sh start)
// and stop it with scripts/pg-test-server.sh stop. Each test gets its own schema, dropped afterwards.

const url = process.env.LOG_GARDENER_TEST_PG_URL;
const skip = url ? undefined : 'LOG_GARDENER_TEST_PG_URL is unset: start a server with scripts/pg-test-server.sh start';
const schemas: string[] = [];
const newSchema = () => {
  const s = `lg_test_${randomBytes(6).toString('hex')}`;
  schemas.push(s);
  return s;
};

after(async () => {
  if (!url || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await client.end();
});

describeStoreContract(
  'postgres',
  async (options) => {
    const schema = newSchema();
    return { open: () => openPostgresStore(url as string, { ...options, schema }) };
  },
  skip,
);

describe('PostgreSQL specifics', { skip: skip ?? false }, () => {
  it('two gardeners starting at once migrate once (advisory lock), and each id is claimed by exactly one of them', async () => {
    const schema = newSchema();
    const [a, b] = await Promise.all([openPostgresStore(url as string, { schema }), openPostgresStore(url as string, { schema })]);
    try {
      assert.deepEqual(await appliedPgMigrations(a.pool), ['core/001']);
      const ids = Array.from({ length: 5000 }, (_, i) => ({ insertId: `id-${i}`, timeMs: 1_757_239_200_000 + i }));
      const [fa, fb] = await Promise.all([a.claimFresh('svc', ids.slice(0, 3000)), b.claimFresh('svc', ids.slice(2000))]);
      assert.equal(fa.size + fb.size, 5000, 'the 1000 overlapping ids go to one gardener or the other, never both');
      for (const id of fa) assert.equal(fb.has(id), false);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('applies other modules’ migration lists once, in order; openStore picks the backend from the URL', async () => {
    const schema = newSchema();
    const github = [{ id: 'github/001', sql: 'CREATE TABLE gh_journal (id TEXT PRIMARY KEY)' }];
    const s1 = await openPostgresStore(url as string, { schema, migrations: github });
    await s1.close();
    const s2 = await openPostgresStore(url as string, { schema, migrations: [...github, { id: 'github/002', sql: 'ALTER TABLE gh_journal ADD COLUMN note TEXT' }] });
    assert.deepEqual(await appliedPgMigrations(s2.pool), ['core/001', 'github/001', 'github/002']);
    await s2.pool.query(`INSERT INTO gh_journal (id, note) VALUES ('a', 'b')`);
    await s2.close();
    const viaUrl = await openStore(`${url as string}${(url as string).includes('?') ? '&' : '?'}schema=${schema}`);
    await viaUrl.setCursor({ project: 'p', service: 's', readUpTo: '2025-09-07T10:00:00Z', updatedAt: '2025-09-07T10:00:01Z' });
    assert.equal((await viaUrl.getCursor('p', 's'))?.readUpTo, '2025-09-07T10:00:00Z');
    await viaUrl.close();
  });
});
