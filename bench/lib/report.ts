import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

const FILE = join(import.meta.dirname, '..', '..', 'BENCHMARKS.md');

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  return `${cpus().length} × ${cpu.trim()}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}; load average at the end ${load}`;
}

/**
 * Replaces (or appends) the section `## title` of BENCHMARKS.md with the body, stamped with the
 * machine, the date and the command that produced it.
 */
export function writeSection(title: string, command: string, body: string): void {
  const header = '# Benchmarks\n\nEach section is written by the bench script named in it; figures come from that run only.\n';
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : header;
  const section = `## ${title}\n\n- command: \`${command}\`\n- machine: ${machine()}\n- date: ${new Date().toISOString()}\n\n${body.trim()}\n`;
  const start = current.indexOf(`## ${title}\n`);
  let next: string;
  if (start === -1) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const end = current.indexOf('\n## ', start + 1);
    next = current.slice(0, start) + section + (end === -1 ? '' : `\n${current.slice(end + 1)}`);
  }
  writeFileSync(FILE, next);
  process.stdout.write(`${section}\n(written to BENCHMARKS.md)\n`);
}
