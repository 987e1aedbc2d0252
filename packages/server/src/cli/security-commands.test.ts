import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/northstar.js', import.meta.url));
let dir: string;

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { NORTHSTAR_SECRET: _secret, NORTHSTAR_PASSWORD: _password, ...base } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, '--data', join(dir, 'data'), ...args],
      { cwd: dir, env: { ...base, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'northstar-sec-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('security commands', () => {
  it('refuses to serve without a secret outside the loopback demo', async () => {
    const none = await run(['serve', '--host', '0.0.0.0', '--port', '0']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('NORTHSTAR_SECRET is not set');
    const placeholder = await run(['serve', '--port', '0'], { NORTHSTAR_SECRET: 'changeme' });
    expect(placeholder.code).toBe(1);
    expect(placeholder.stderr).toContain('default or placeholder');
  });

  it('creates a user with a one-time password, and lists users', async () => {
    const created = await run(['users', 'create', '--email', 'ops@example.com', '--role', 'admin']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^usr_[0-9a-f]{16} ops@example.com admin\ntemporary password \(shown once\): \S{20}\n$/);
    const bad = await run(['users', 'create', '--email', 'x@example.com', '--role', 'owner']);
    expect(bad.code).toBe(1);
    const list = await run(['--format', 'json', 'users', 'list']);
    expect(JSON.parse(list.stdout).users).toEqual([
      expect.objectContaining({ email: 'ops@example.com', role: 'admin', mustChangePassword: true }),
    ]);
    expect(list.stdout).not.toContain('argon2');
  });

  it('erases a contact from every table', async () => {
    const file = join(dir, 'stages.csv');
    writeFileSync(file, 'contact_id,stage,timestamp\nc1,lead,2026-03-01\nc2,lead,2026-03-01\n');
    expect((await run(['import', 'stages', file])).code).toBe(0);
    const erased = await run(['--format', 'json', 'erase', '--contact', 'c1']);
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout).deleted).toEqual({ stages: 1 });
    expect((await run(['erase', '--contact', 'c1', '--visitor', 'v1'])).code).toBe(1);
  });

  it('creates workspaces with data of their own, members and sites', async () => {
    const made = await run(['workspaces', 'create', '--name', 'Agency client', '--id', 'client-a']);
    expect(made.code).toBe(0);
    expect(made.stdout).toBe('client-a Agency client\n');
    expect((await run(['workspaces', 'create', '--name', 'Again', '--id', 'client-a'])).stderr).toContain("'client-a' exists already");
    const list = await run(['--format', 'json', 'workspaces', 'list']);
    expect(JSON.parse(list.stdout).workspaces.map((w: { id: string }) => w.id)).toEqual(['default', 'client-a']);

    // Imports and queries go to the workspace named; the default one keeps its own rows.
    const leads = async (workspace: string[]) =>
      JSON.parse((await run([...workspace, '--format', 'json', 'query', 'leads', '--from', '2026-03-01', '--to', '2026-04-01'])).stdout)
        .rows[0].leads;
    const before = await leads([]);
    const file = join(dir, 'client-stages.csv');
    writeFileSync(file, 'contact_id,stage,timestamp\nk1,lead,2026-03-01\nk2,lead,2026-03-02\nk3,lead,2026-03-03\n');
    expect((await run(['--workspace', 'client-a', 'import', 'stages', file])).code).toBe(0);
    expect(await leads(['--workspace', 'client-a'])).toBe(3);
    expect(await leads([])).toBe(before);

    const member = await run(['--workspace', 'client-a', 'users', 'create', '--email', 'ops@example.com', '--role', 'viewer']);
    expect(member.code).toBe(0);
    const members = await run(['--workspace', 'client-a', '--format', 'json', 'users', 'list']);
    expect(JSON.parse(members.stdout).users).toEqual([expect.objectContaining({ email: 'ops@example.com', role: 'viewer' })]);
    expect((await run(['--workspace', 'client-a', 'sites', 'create', '--site', 'client-a.example'])).code).toBe(0);
    expect((await run(['sites', 'create', '--site', 'client-a.example'])).stderr).toContain('registered to another workspace');

    const missing = await run(['--workspace', 'nobody', 'query', 'leads']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no workspace 'nobody'");
    expect((await run(['--workspace', '../etc', 'query', 'leads'])).stderr).toContain('is not a workspace id');
  }, 240_000);
});
