import { INPUT_KINDS } from '@northstar/core';
import type { Command } from 'commander';
import { openStore } from '../data-dir.ts';
import type { Store } from '../store/store.ts';
import type { GlobalOptions } from './main.ts';

async function runDemo(store: Store, scale: number, seed: number): Promise<void> {
  const started = performance.now();
  // Loaded on demand: the generator is large and most commands never need it.
  const { generateDemo } = await import('../demo/generate-demo.ts');
  const settings = await store.getSettings();
  // A fresh workspace takes on the demo company's name and home timezone (Warsaw).
  if (settings.name === 'Northstar' && settings.timezone === 'UTC') {
    await store.updateSettings({ name: 'Vistula Cloud (demo)', timezone: 'Europe/Warsaw' });
  }
  process.stderr.write(`loading the demo company (scale ${scale}, seed ${seed}) …\n`);
  await generateDemo(store, {
    scale,
    seed,
    onProgress: (message: string) => {
      if (process.stderr.isTTY) process.stderr.write(`  ${message}\n`);
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`demo loaded in ${seconds} s: ${await store.count('events')} events, ${await store.count('contacts')} contacts\n`);
}

/** For `serve --demo`: loads the demo company only into a data directory with no data at all. */
export async function loadDemoIfEmpty(store: Store): Promise<void> {
  for (const table of INPUT_KINDS) {
    if ((await store.count(table)) > 0) {
      process.stderr.write(`--demo: the data directory already holds ${table}; serving it as it is\n`);
      return;
    }
  }
  await runDemo(store, 1, 1);
}

export function registerDemoCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('demo')
    .description('load a deterministic demo company: 12 months ending today, every kind of input')
    .option('--scale <n>', 'size; 1 is about 1M events', Number.parseFloat, 1)
    .option('--seed <s>', 'random seed', (v) => Number.parseInt(v, 10), 1)
    .action(async (options: { scale: number; seed: number }) => {
      if (!(options.scale > 0)) throw new Error('--scale must be a positive number');
      const store = await openStore(globals().data);
      try {
        await runDemo(store, options.scale, options.seed);
      } finally {
        await store.close();
      }
    });
}
