/** Builds the tracker into one minified file, dist/t.js: `npm run build --workspace @northstar/tracker`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = dirname(fileURLToPath(import.meta.url));
export const TRACKER_OUT = join(ROOT, 'dist', 't.js');

/** The minified tracker source (and dist/t.js written unless `write` is false). */
export async function buildTracker(write = true): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, 'src', 'tracker.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2019'],
    write: false,
    legalComments: 'none',
  });
  const code = result.outputFiles[0]?.text ?? '';
  if (write) {
    mkdirSync(dirname(TRACKER_OUT), { recursive: true });
    writeFileSync(TRACKER_OUT, code);
  }
  return code;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const code = await buildTracker();
  process.stdout.write(`wrote ${TRACKER_OUT} (${code.length} bytes)\n`);
}
