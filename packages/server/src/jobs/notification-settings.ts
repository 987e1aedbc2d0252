/**
 * Where notifications go out from: the SMTP server, and whether webhook and SMTP targets may be
 * private addresses (off unless an admin turns it on). One document in `notification_settings`;
 * `NORTHSTAR_SMTP_URL` (smtp[s]://user:pass@host:port) and `NORTHSTAR_SMTP_FROM` stand in for an
 * SMTP server nobody saved.
 */
import { AppError } from '@northstar/core';
import { z } from 'zod';
import type { MetadataStore } from '../meta/metadata-store.ts';

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
  .object({ smtp: smtpSettingsSchema.nullable().default(null), allowPrivateTargets: z.boolean().default(false) })
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

export async function loadNotificationSettings(meta: MetadataStore): Promise<NotificationSettings> {
  const doc = await meta.get<NotificationSettings>('notification_settings', DOC_ID);
  const saved = notificationSettingsSchema.parse(doc?.body ?? {});
  return saved.smtp ? saved : { ...saved, smtp: smtpFromEnv() };
}

export async function saveNotificationSettings(meta: MetadataStore, settings: NotificationSettings): Promise<NotificationSettings> {
  await meta.put('notification_settings', DOC_ID, settings);
  return settings;
}

/** The settings as shown over the API: the SMTP password never leaves the server. */
export function redactSettings(settings: NotificationSettings): Record<string, unknown> {
  if (!settings.smtp) return settings;
  const { password, ...smtp } = settings.smtp;
  return { ...settings, smtp: { ...smtp, passwordSet: password !== undefined && password !== '' } };
}
