// The mail transport: SMTP through nodemailer, configured by environment variables.
//   SMTP_URL   smtp://user:password@mail.example.org:587 (smtps:// for TLS from the start);
//              unset: the app sends no email (the notification worker does not start)
//   MAIL_FROM  the sender, e.g. "Tutoring Ops <tutoring@district.example>"
//   APP_URL    the address people open the app at, for links (else NEXTAUTH_URL)
// Nothing is sent anywhere else: no other transport, no tracking.
import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type SendMail = (mail: Mail) => Promise<void>;

export const mailConfigured = (): boolean => Boolean(process.env.SMTP_URL?.trim());

export const appUrl = (): string =>
  (process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/+$/, '');

const holder = globalThis as { tutoringMailTransport?: { url: string; transport: Transporter } };

/** Sends through SMTP_URL's server (one pooled transport per process). */
export const smtpSend: SendMail = async (mail) => {
  const url = process.env.SMTP_URL?.trim();
  if (!url) throw new Error('SMTP_URL is not set: the app sends no email.');
  if (holder.tutoringMailTransport?.url !== url) {
    const u = new URL(url);
    holder.tutoringMailTransport = {
      url,
      transport: nodemailer.createTransport({
        host: u.hostname,
        port: u.port ? Number(u.port) : u.protocol === 'smtps:' ? 465 : 587,
        secure: u.protocol === 'smtps:',
        auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
        // Answers within seconds or fails: a reminder is sent inside the action's transaction.
        connectionTimeout: 5_000,
        greetingTimeout: 5_000,
        socketTimeout: 10_000,
      }),
    };
  }
  await holder.tutoringMailTransport.transport.sendMail({
    from: process.env.MAIL_FROM ?? 'Tutoring Ops <no-reply@localhost>',
    ...mail,
  });
};
