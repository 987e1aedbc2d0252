/**
 * Users (metadata collection `users`): an email, an argon2 hash and a role per workspace. The
 * server serves one workspace (`DEFAULT_WORKSPACE` unless configured); a user may hold roles in
 * others, which give nothing here.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '@northstar/core';
import type { MetadataStore } from '../meta/metadata-store.ts';
import { hashPassword } from './passwords.ts';
import type { Role } from './roles.ts';

export const DEFAULT_WORKSPACE = 'default';

export interface UserDocument {
  email: string;
  passwordHash: string;
  roles: Record<string, Role>;
  /** Set for invited users and after an admin reset: the UI asks for a new password. */
  mustChangePassword: boolean;
  createdAt: string;
  passwordChangedAt: string;
}

export interface UserInfo {
  id: string;
  email: string;
  role: Role | null;
  mustChangePassword: boolean;
  createdAt: string;
}

const EMAIL_RE = /^[^\s@<>"'`]{1,64}@[^\s@<>"'`]{1,190}\.[^\s@<>"'`]{1,63}$/;

export function normaliseEmail(email: string): string {
  const folded = email.trim().toLowerCase();
  if (!EMAIL_RE.test(folded)) throw new AppError('validation', `'${email.slice(0, 80)}' is not an email address`);
  return folded;
}

export function toUserInfo(id: string, body: UserDocument, workspace: string): UserInfo {
  return {
    id,
    email: body.email,
    role: body.roles[workspace] ?? null,
    mustChangePassword: body.mustChangePassword,
    createdAt: body.createdAt,
  };
}

export async function findUserByEmail(meta: MetadataStore, email: string): Promise<{ id: string; body: UserDocument } | undefined> {
  const [doc] = await meta.findBy<UserDocument>('users', 'email', email.trim().toLowerCase());
  return doc ? { id: doc.id, body: doc.body } : undefined;
}

export async function listUsers(meta: MetadataStore, workspace: string): Promise<UserInfo[]> {
  return (await meta.list<UserDocument>('users'))
    .filter((doc) => doc.body.roles[workspace] !== undefined)
    .map((doc) => toUserInfo(doc.id, doc.body, workspace));
}

export async function countUsers(meta: MetadataStore): Promise<number> {
  return (await meta.list('users')).length;
}

export interface CreateUserInput {
  email: string;
  password: string;
  role: Role;
  workspace: string;
  mustChangePassword: boolean;
}

/** Adds a user, or a role in `workspace` to an existing user without one there. */
export async function createUser(meta: MetadataStore, input: CreateUserInput): Promise<UserInfo> {
  const email = normaliseEmail(input.email);
  const existing = await findUserByEmail(meta, email);
  if (existing) {
    if (existing.body.roles[input.workspace]) throw new AppError('conflict', `${email} is already a member of this workspace`);
    const body = { ...existing.body, roles: { ...existing.body.roles, [input.workspace]: input.role } };
    await meta.put('users', existing.id, body);
    return toUserInfo(existing.id, body, input.workspace);
  }
  const now = new Date().toISOString();
  const body: UserDocument = {
    email,
    passwordHash: await hashPassword(input.password),
    roles: { [input.workspace]: input.role },
    mustChangePassword: input.mustChangePassword,
    createdAt: now,
    passwordChangedAt: now,
  };
  const id = `usr_${randomBytes(8).toString('hex')}`;
  await meta.put('users', id, body);
  return toUserInfo(id, body, input.workspace);
}

export async function loadUser(meta: MetadataStore, id: string): Promise<UserDocument> {
  const doc = await meta.get<UserDocument>('users', id);
  if (!doc) throw new AppError('notFound', `no user ${id}`);
  return doc.body;
}

/** Refuses to leave the workspace without an admin. */
async function assertAnotherAdmin(meta: MetadataStore, workspace: string, exceptId: string): Promise<void> {
  const admins = (await listUsers(meta, workspace)).filter((u) => u.role === 'admin' && u.id !== exceptId);
  if (admins.length === 0) throw new AppError('conflict', 'the workspace must keep at least one admin');
}

export async function setRole(meta: MetadataStore, id: string, workspace: string, role: Role): Promise<UserInfo> {
  const body = await loadUser(meta, id);
  if (!body.roles[workspace]) throw new AppError('notFound', `no user ${id} in this workspace`);
  if (body.roles[workspace] === 'admin' && role !== 'admin') await assertAnotherAdmin(meta, workspace, id);
  const next = { ...body, roles: { ...body.roles, [workspace]: role } };
  await meta.put('users', id, next);
  return toUserInfo(id, next, workspace);
}

/** Removes the user from `workspace`; the account goes when it has no workspace left. */
export async function removeUser(meta: MetadataStore, id: string, workspace: string): Promise<void> {
  const body = await loadUser(meta, id);
  if (!body.roles[workspace]) throw new AppError('notFound', `no user ${id} in this workspace`);
  if (body.roles[workspace] === 'admin') await assertAnotherAdmin(meta, workspace, id);
  const { [workspace]: _removed, ...roles } = body.roles;
  if (Object.keys(roles).length === 0) await meta.delete('users', id);
  else await meta.put('users', id, { ...body, roles });
}

export async function setPassword(meta: MetadataStore, id: string, password: string, mustChange: boolean): Promise<void> {
  const body = await loadUser(meta, id);
  await meta.put('users', id, {
    ...body,
    passwordHash: await hashPassword(password),
    mustChangePassword: mustChange,
    passwordChangedAt: new Date().toISOString(),
  });
}
