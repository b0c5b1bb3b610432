// The CSV parse floor: papaparse streaming alone over the file; prints the row count.
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
let count = 0;
await new Promise((resolve, reject) => {
  Papa.parse(createReadStream(process.argv[2]), { header: true, skipEmptyLines: true, step: () => { count++; }, complete: resolve, error: reject });
});
console.log(count);
