/** The audit log of admin and editor actions (metadata collection `audit_log`); never raw IPs. */
import { randomBytes } from 'node:crypto';
import type { MetadataStore } from '../meta/metadata-store.ts';

export interface AuditActor {
  kind: 'user' | 'key' | 'open' | 'setup' | 'cli';
  id: string | null;
  label: string | null;
}

export interface AuditEntry {
  at: string;
  actor: AuditActor;
  /** `METHOD /route/:pattern`, or a CLI command. */
  action: string;
  params: Record<string, string>;
  status: number;
}

export async function recordAudit(meta: MetadataStore, entry: Omit<AuditEntry, 'at'>): Promise<void> {
  const at = new Date();
  // Time first so ids sort by time.
  const id = `aud_${at.getTime().toString(36).padStart(9, '0')}_${randomBytes(4).toString('hex')}`;
  await meta.put('audit_log', id, { at: at.toISOString(), ...entry });
}

export async function listAudit(meta: MetadataStore, limit: number): Promise<(AuditEntry & { id: string })[]> {
  const docs = await meta.list<AuditEntry>('audit_log');
  return docs
    .map((doc) => ({ id: doc.id, ...doc.body }))
    .sort((a, b) => (a.id < b.id ? 1 : -1))
    .slice(0, limit);
}
