import { startFakeLoggingServer, makeEntries } from '../logging-server.js';
const s = await startFakeLoggingServer({ entries: makeEntries(5, { start: '2026-01-01T00:00:00Z', severities: ['ERROR', undefined] }) });
console.log(s.url);
process.stdout.write('');
await new Promise((r) => setTimeout(r, 25000));
console.log(JSON.stringify(s.requests, null, 1));
await s.close();
