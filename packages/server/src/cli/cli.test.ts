import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/northstar.js', import.meta.url));
let dir: string;

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, '--data', join(dir, 'data'), ...args], { cwd: dir }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'northstar-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('northstar CLI', () => {
  it('imports a file, reports bad rows and exits 2 when some rows were rejected', async () => {
    const file = join(dir, 'stages.csv');
    writeFileSync(file, 'contact_id,stage,timestamp\nc1,lead,2026-03-01\nc2,won,2026-03-01\n');
    const result = await run('import', 'stages', file);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('stages: 2 rows read, 1 valid, 1 rejected');
    expect(result.stdout).toContain('stored: 1 new, 0 updated, 0 unchanged');
    expect(result.stdout).toContain(
      'error: row 2, column stage: unknown stage "won"; expected one of lead, mql, sql, sal, opportunity, customer, lost, churned',
    );
  });

  it('prints the import report as JSON with --format json, and re-import changes nothing', async () => {
    const file = join(dir, 'nps.json');
    writeFileSync(file, JSON.stringify([{ response_id: 'r1', timestamp: '2026-03-01', score: 9 }]));
    await run('import', 'nps', file);
    const again = await run('--format', 'json', 'import', 'nps', file);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ kind: 'nps', inserted: 0, unchanged: 1, committed: true });
  });

  it('with --strict exits 1 and stores nothing', async () => {
    const file = join(dir, 'orders.csv');
    writeFileSync(file, 'order_id,timestamp,amount\no1,2026-03-01,10\no2,2026-03-01,ten\n');
    const result = await run('import', 'orders', file, '--strict');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('nothing stored (--strict and some rows are invalid)');
  });

  it.each([
    [['import', 'widgets', 'x.csv'], "error: unknown kind 'widgets': expected one of events, contacts"],
    [['import', 'stages', 'missing.csv'], 'error: no such file'],
    [['import', 'stages', 'file.xml'], 'error: no such file'],
    [['config', '--timezone', 'Mars/Olympus'], "error: unknown timezone 'Mars/Olympus'"],
    [['config', '--currency', 'ABC'], "error: unknown currency 'ABC'"],
    [['config', '--attribution-model', 'psychic'], "error: unknown attribution model 'psychic'"],
  ])('%j fails with a clear message', async (args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it('changes and shows workspace settings', async () => {
    const set = await run('--format', 'json', 'config', '--timezone', 'Europe/Warsaw', '--currency', 'pln');
    expect(JSON.parse(set.stdout)).toEqual({
      name: 'Northstar',
      timezone: 'Europe/Warsaw',
      currency: 'PLN',
      attributionModel: 'last_non_direct',
    });
    const shown = await run('config');
    expect(shown.stdout).toMatch(/Northstar\s+Europe\/Warsaw\s+PLN/);
  });
});
