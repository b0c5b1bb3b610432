// The NDJSON parse floor: read the file in chunks and JSON.parse each line; prints the line count.
import { createReadStream } from 'node:fs';
let rest = '';
let count = 0;
for await (const chunk of createReadStream(process.argv[2], { encoding: 'utf8', highWaterMark: 1 << 20 })) {
  const lines = (rest + chunk).split('\n');
  rest = lines.pop();
  for (const line of lines) if (line.trim()) { JSON.parse(line); count++; }
}
if (rest.trim()) { JSON.parse(rest); count++; }
console.log(count);
