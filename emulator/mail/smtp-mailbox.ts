import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerEnvelope } from "smtp-server";
import type { EmulatorStore } from "../state/emulator-store";
import type { AppEmail } from "../state/model";

export interface SmtpMailboxOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** When the port is taken, listen on a free one instead of failing: for callers that hand the app whichever URL it got. */
  readonly freePortIfTaken?: boolean;
}

export interface SmtpMailbox {
  /** `smtp://127.0.0.1:PORT`: the app's `SMTP_URL`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The app's mail provider, locally: an SMTP server whose every message is parsed and kept in the store as an app
 * email (`store.appEmails`), like the buyer's inbox would show it. Plain SMTP with no login and no STARTTLS, as
 * a local mail catcher is; it listens on the emulator's host, the loopback interface unless told otherwise.
 */
export async function listenSmtpMailbox(store: EmulatorStore, options: SmtpMailboxOptions, host: string): Promise<SmtpMailbox> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    banner: "Tranche Shopify emulator: the app's outgoing mail",
    logger: false,
    // Stopping the emulator should not wait for a pooled client's idle connection (30 s by default).
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          store.receiveAppEmail(appEmailOf(parsed, session.envelope));
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  // The server re-emits its clients' socket errors (a client gone mid-message); unheard, they would end the process.
  server.on("error", () => undefined);
  const port = await listen(server, options.port, host).catch((error: NodeJS.ErrnoException) => {
    if (options.freePortIfTaken && error.code === "EADDRINUSE") return listen(server, 0, host);
    throw error;
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function listen(server: SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
}

function appEmailOf(parsed: ParsedMail, envelope: SMTPServerEnvelope): Omit<AppEmail, "id" | "receivedAt" | "deliveries"> {
  return {
    messageId: parsed.messageId?.replace(/^<|>$/g, "") ?? null,
    from: parsed.from?.text ?? "",
    to: envelope.rcptTo.map((recipient) => recipient.address).join(", "),
    subject: parsed.subject ?? "",
    html: typeof parsed.html === "string" ? parsed.html : null,
    text: parsed.text ?? null,
  };
}
