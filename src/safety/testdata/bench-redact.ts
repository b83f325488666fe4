// Throughput of the safety layer on synthetic Cloud Run log lines (2% carry a JWT in a query string).
// Prints figures; asserts nothing. Run: npx tsx src/safety/testdata/bench-redact.ts
// (kept under testdata so it is neither built nor linted as library code).
import { redactSecrets, sanitizeForGithub } from '../index.js';

const lines: string[] = [];
for (let i = 0; i < 100_000; i++) {
  lines.push(
    i % 50 === 0
      ? `WebSocket /ws?token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig${i} 403 user=${i}`
      : `2025-09-07T13:21:${String(i % 60).padStart(2, '0')}Z INFO request_id=123e4567-e89b-12d3-a456-${String(i).padStart(12, '0')} ` +
          `GET /api/v1/items/${i}?page=2 200 latency=0.0${i % 10}s trace=projects/p/traces/4bf92f3577b34da6a3ce929d0e0e4736`,
  );
}
const bytes = lines.reduce((a, l) => a + l.length, 0);
for (const [name, f] of [['redactSecrets', redactSecrets], ['sanitizeForGithub', sanitizeForGithub]] as const) {
  for (const l of lines.slice(0, 5000)) f(l); // warm-up
  const t = process.hrtime.bigint();
  let n = 0;
  for (const l of lines) n += f(l).length;
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(
    `${name}: ${lines.length} lines, ${(bytes / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms = ` +
      `${Math.round((lines.length / ms) * 1000)} lines/s, ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s (${n} chars out)`,
  );
}
