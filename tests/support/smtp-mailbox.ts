import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One message as the server received it. */
export interface ReceivedMail {
  readonly messageId: string;
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly parsed: ParsedMail;
}

/**
 * A real SMTP server in the test process (nodemailer's smtp-server): what the app sends goes over a socket, through
 * SMTP, and is parsed back with mailparser. `reject` makes it answer the next messages with an SMTP error.
 */
export interface SmtpMailbox {
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Answer DATA with this code and message while set (451: try later; 550: never). */
  reject: { readonly code: number; readonly message: string } | null;
  close(): Promise<void>;
}

/**
 * `acceptDelayMs` holds each message that long before the server answers it, as a distant server does: a worker
 * killed at random then often dies mid-send, which is what the kill tests need to happen.
 */
export async function startSmtpMailbox(options: { readonly acceptDelayMs?: number } = {}): Promise<SmtpMailbox> {
  const mailbox: SmtpMailbox = {
    url: "",
    received: [],
    reject: null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if (options.acceptDelayMs) await new Promise((resolve) => setTimeout(resolve, options.acceptDelayMs));
          if (mailbox.reject) {
            const error = Object.assign(new Error(mailbox.reject.message), { responseCode: mailbox.reject.code });
            callback(error);
            return;
          }
          mailbox.received.push({
            messageId: (parsed.messageId ?? "").replace(/^<|>$/g, ""),
            to: session.envelope.rcptTo.map((recipient) => recipient.address).join(","),
            subject: parsed.subject ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            text: parsed.text ?? "",
            parsed,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // The server re-emits its clients' socket errors (a worker killed or stopped mid-connection resets it); unheard,
  // they would end the test process.
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(mailbox, { url: `smtp://127.0.0.1:${port}` });
}
