import nodemailer from "nodemailer";

/** One email as it leaves the app. */
export interface OutgoingMessage {
  readonly from: { readonly name: string; readonly address: string };
  readonly to: string;
  readonly replyTo: string | null;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** Without angle brackets; the same on every attempt of one email, so a resend is the same message to mail clients. */
  readonly messageId: string;
}

/** Where emails go: an SMTP server (any provider), or a test's recorder. */
export interface MailTransport {
  /** The address emails are sent from; the shop's name is its display name, the shop's address the Reply-To. */
  readonly fromAddress: string;
  /** Resolves once the server accepted the message; rejects with the server's answer otherwise. */
  send(message: OutgoingMessage): Promise<void>;
}

/** SMTP's answer to a message it will never take (550 no such mailbox, 553 bad address): sending it again cannot help. */
export function isPermanentMailError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

export class MailNotConfiguredError extends Error {
  override readonly name = "MailNotConfiguredError";
}

/** Sends over SMTP to `url` (smtp://user:pass@host:587, smtps://… for implicit TLS), nodemailer's pooled transport. */
export function smtpMailTransport(url: string, fromAddress: string): MailTransport {
  // Well inside the two minutes an attempt holds its email (EMAIL_CLAIM_MS): a hung server fails the attempt
  // rather than outliving the claim while another worker sends the email again.
  const transport = nodemailer.createTransport({ url, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 });
  return {
    fromAddress,
    async send(message) {
      await transport.sendMail({
        from: { name: message.from.name, address: message.from.address },
        to: message.to,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        subject: message.subject,
        html: message.html,
        text: message.text,
        messageId: `<${message.messageId}>`,
      });
    },
  };
}

/**
 * The transport the environment names: `SMTP_URL` and `MAIL_FROM`. Without an SMTP URL every send fails with a
 * message saying so, which staff see on the contract; the app still runs.
 */
export function mailTransportFromEnvironment(env: NodeJS.ProcessEnv = process.env): MailTransport {
  const fromAddress = env.MAIL_FROM || "payments@tranche.email";
  if (!env.SMTP_URL) {
    return {
      fromAddress,
      send: () => Promise.reject(new MailNotConfiguredError("SMTP_URL is not set: the app has no mail server to send buyer emails through")),
    };
  }
  return smtpMailTransport(env.SMTP_URL, fromAddress);
}
