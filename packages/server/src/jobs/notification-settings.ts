/**
 * Where notifications go out from: the SMTP server, the default email recipients, and whether
 * webhook and SMTP targets may be private addresses (off unless an admin turns it on). One document
 * in `notification_settings`; `NORTHSTAR_SMTP_URL` (smtp[s]://user:pass@host:port) and
 * `NORTHSTAR_SMTP_FROM` stand in for an SMTP server nobody saved, so an install configured by its
 * environment keeps working and an admin's saved server takes precedence over it.
 */
import { AppError, parseWith } from '@northstar/core';
import { z } from 'zod';
import type { MetadataStore } from '../meta/metadata-store.ts';
import { checkTargetHost, type Resolver, refuseBlockedTarget } from './target-address.ts';

const DOC_ID = 'workspace';

export const smtpSettingsSchema = z
  .object({
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65_535).default(587),
    /** Implicit TLS (port 465); otherwise STARTTLS is used when the server offers it. */
    secure: z.boolean().default(false),
    username: z.string().max(255).optional(),
    password: z.string().max(1000).optional(),
    from: z.email(),
  })
  .strict();
export type SmtpSettings = z.infer<typeof smtpSettingsSchema>;

export const notificationSettingsSchema = z
  .object({
    smtp: smtpSettingsSchema.nullable().default(null),
    /** Where an email channel without addresses of its own goes. */
    defaultRecipients: z.array(z.email()).max(50).default([]),
    allowPrivateTargets: z.boolean().default(false),
  })
  .strict();
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export function smtpFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpSettings | null {
  const raw = env.NORTHSTAR_SMTP_URL;
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('badRequest', 'NORTHSTAR_SMTP_URL is not a URL (smtp://user:pass@host:port)');
  }
  const secure = url.protocol === 'smtps:';
  return smtpSettingsSchema.parse({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    from: env.NORTHSTAR_SMTP_FROM ?? `northstar@${url.hostname}`,
  });
}

/** What an admin saved, without the environment's SMTP server. */
export async function loadSavedNotificationSettings(meta: MetadataStore): Promise<NotificationSettings> {
  const doc = await meta.get<NotificationSettings>('notification_settings', DOC_ID);
  return notificationSettingsSchema.parse(doc?.body ?? {});
}

/** The settings in force: the saved ones, with the environment's SMTP server where none is saved. */
export async function loadNotificationSettings(meta: MetadataStore): Promise<NotificationSettings> {
  const saved = await loadSavedNotificationSettings(meta);
  return saved.smtp ? saved : { ...saved, smtp: smtpFromEnv() };
}

export async function saveNotificationSettings(
  meta: MetadataStore,
  input: z.input<typeof notificationSettingsSchema>,
): Promise<NotificationSettings> {
  const settings = notificationSettingsSchema.parse(input);
  await meta.put('notification_settings', DOC_ID, settings);
  return settings;
}

export type SmtpView = Omit<SmtpSettings, 'password'> & { passwordSet: boolean };

export interface NotificationSettingsView extends Omit<NotificationSettings, 'smtp'> {
  smtp: SmtpView | null;
  /** Where the SMTP server in force comes from: saved by an admin, or NORTHSTAR_SMTP_URL. */
  smtpSource: 'settings' | 'environment' | null;
}

/** The settings as shown over the API: the SMTP password never leaves the server. */
export function redactSettings(
  settings: NotificationSettings,
  smtpSource: NotificationSettingsView['smtpSource'],
): NotificationSettingsView {
  if (!settings.smtp) return { ...settings, smtp: null, smtpSource: null };
  const { password, ...smtp } = settings.smtp;
  return { ...settings, smtp: { ...smtp, passwordSet: password !== undefined && password !== '' }, smtpSource };
}

/** The settings in force, redacted, saying where the SMTP server comes from. */
export async function notificationSettingsView(meta: MetadataStore): Promise<NotificationSettingsView> {
  const saved = await loadSavedNotificationSettings(meta);
  if (saved.smtp) return redactSettings(saved, 'settings');
  return redactSettings({ ...saved, smtp: smtpFromEnv() }, 'environment');
}

/**
 * An admin's change: the SMTP host must pass the private-address check unless private targets are
 * allowed in the same change. A form that does not send the password back keeps the one in force for
 * the same host (the API never returns it); `smtp: null` falls back to the environment's server.
 */
export async function updateNotificationSettings(
  meta: MetadataStore,
  input: unknown,
  resolve?: Resolver,
): Promise<NotificationSettingsView> {
  const settings = parseWith(notificationSettingsSchema, input, 'notification settings');
  if (settings.smtp) {
    await refuseBlockedTarget(
      checkTargetHost(settings.smtp.host, { allowPrivate: settings.allowPrivateTargets, ...(resolve ? { resolve } : {}) }),
    );
    const current = await loadNotificationSettings(meta);
    if (settings.smtp.password === undefined && current.smtp?.host === settings.smtp.host && current.smtp.password) {
      settings.smtp.password = current.smtp.password;
    }
  }
  await saveNotificationSettings(meta, settings);
  return notificationSettingsView(meta);
}
