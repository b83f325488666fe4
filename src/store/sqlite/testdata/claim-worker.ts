// Child process for sqlite/concurrency.test.ts: opens the store at argv[2] and claims ids
// [argv[3], argv[4]) in small batches, printing the fresh ids as JSON.
import { openSqliteStore } from '../sqlite-store.js';

const [path, from, to] = [process.argv[2] as string, Number(process.argv[3]), Number(process.argv[4])];
const store = await openSqliteStore(path);
const fresh: string[] = [];
for (let i = from; i < to; i += 250) {
  const batch = Array.from({ length: Math.min(250, to - i) }, (_, k) => ({ insertId: `id-${i + k}`, timeMs: 1_757_239_200_000 + i + k }));
  for (const id of await store.claimFresh('svc', batch)) fresh.push(id);
}
await store.close();
process.stdout.write(JSON.stringify(fresh));
