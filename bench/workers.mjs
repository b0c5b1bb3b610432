// `node bench/workers.mjs ROSTER.ndjson` (issue 8: "measure whether it beats one thread; keep it only if it does").
// Does parsing an NDJSON roster in two worker threads beat one thread, once the parsed rows
// come back to the main thread (where the check needs them)? Prints both, ms.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { openSync, readSync, fstatSync, closeSync } from 'node:fs';

function parseRange(file, start, end) {
  const fd = openSync(file, 'r');
  const rows = [];
  const buf = Buffer.allocUnsafe(1 << 20);
  let pos = start, carry = '';
  while (pos < end) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
    if (n <= 0) break;
    pos += n;
    const text = carry + buf.toString('utf8', 0, n);
    let from = 0, nl;
    while ((nl = text.indexOf('\n', from)) !== -1) { if (nl > from) rows.push(JSON.parse(text.slice(from, nl))); from = nl + 1; }
    carry = text.slice(from);
  }
  if (carry.trim()) rows.push(JSON.parse(carry));
  closeSync(fd);
  return rows;
}
/** A byte offset at or after `at` that starts a line. */
function lineStart(file, at) {
  if (at === 0) return 0;
  const fd = openSync(file, 'r'); const b = Buffer.alloc(4096); let p = at;
  for (;;) { const n = readSync(fd, b, 0, b.length, p); if (n <= 0) { closeSync(fd); return p; } const i = b.indexOf(10); if (i !== -1 && i < n) { closeSync(fd); return p + i + 1; } p += n; }
}
if (!isMainThread) {
  parentPort.postMessage(parseRange(workerData.file, workerData.start, workerData.end));
} else {
  const file = process.argv[2];
  const size = fstatSync(openSync(file, 'r')).size;
  let t = performance.now();
  const one = parseRange(file, 0, size);
  const oneMs = performance.now() - t;
  t = performance.now();
  const mid = lineStart(file, Math.floor(size / 2));
  const parts = await Promise.all([[0, mid], [mid, size]].map(([start, end]) => new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: { file, start, end } });
    w.once('message', resolve); w.once('error', reject);
  })));
  const two = parts.flat();
  const twoMs = performance.now() - t;
  if (two.length !== one.length) throw new Error('row counts differ');
  console.log(JSON.stringify({ rows: one.length, oneThreadMs: Math.round(oneMs), twoWorkersMs: Math.round(twoMs) }));
}
