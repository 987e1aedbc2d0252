/**
 * Sends one email through the workspace's SMTP server with nodemailer, connecting to the checked
 * address of the SMTP host (TLS still verifies the host's name).
 */
import { isIP } from 'node:net';
import { AppError } from '@northstar/core';
import nodemailer from 'nodemailer';
import type { SmtpSettings } from './notification-settings.ts';
import { checkTargetHost, normaliseHost, type Resolver } from './target-address.ts';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  /** Base64, as stored in the outbox. */
  contentBase64: string;
}

export interface EmailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: EmailAttachment[];
}

export interface EmailOptions {
  allowPrivate: boolean;
  /** Becomes the Message-ID, so a repeated delivery is recognisable as the same message. */
  deliveryId: string;
  resolve?: Resolver;
}

export async function sendEmail(smtp: SmtpSettings | null, message: EmailMessage, options: EmailOptions): Promise<{ messageId: string }> {
  if (!smtp) throw new AppError('badRequest', 'no SMTP server is configured (PUT /api/v1/alerts/settings or NORTHSTAR_SMTP_URL)');
  const address = await checkTargetHost(smtp.host, {
    allowPrivate: options.allowPrivate,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  const host = normaliseHost(smtp.host);
  const transport = nodemailer.createTransport({
    host: address,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.username ? { auth: { user: smtp.username, pass: smtp.password ?? '' } } : {}),
    tls: isIP(host) === 0 ? { servername: host } : {},
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  try {
    const messageId = `<${options.deliveryId}@northstar>`;
    await transport.sendMail({
      from: smtp.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      messageId,
      attachments: (message.attachments ?? []).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.contentBase64, 'base64'),
      })),
    });
    return { messageId };
  } finally {
    transport.close();
  }
}
