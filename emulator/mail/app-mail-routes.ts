import { html, json, type Route } from "../http/router";
import type { EmulatorStore } from "../state/emulator-store";
import type { AppEmail } from "../state/model";
import { appEmailHtmlPart, appEmailPage } from "./app-email-page";

/**
 * The emails the app sent to the emulator's SMTP server. For tests and scripts: GET /_emulator/mail (every email,
 * in the order received, without its parts) and GET /_emulator/mail/<id> (one, with `html` and `text`). For
 * people: GET /_emulator/app-mailbox/<id> (one email's page) and GET /_emulator/mail/<id>.html (its HTML part,
 * framed by that page). Like the rest of /_emulator, they are open to whoever reaches the emulator's address: the
 * loopback interface unless it was started with another host.
 */
export function appMailRoutes(store: EmulatorStore): Route[] {
  const emailById = (id: string | undefined) => store.appEmails.find((email) => email.id === id);
  const notFound = (id: string | undefined) => json(404, { error: `no email ${id} from the app` });
  return [
    { method: "GET", path: "/_emulator/mail", handler: () => json(200, store.appEmails.map(summaryOf)) },
    {
      method: "GET",
      path: "/_emulator/mail/:file",
      handler: ({ params }) => {
        const file = params.file ?? "";
        const id = file.endsWith(".html") ? file.slice(0, -".html".length) : file;
        const email = emailById(id);
        if (!email) return notFound(id);
        return file === id ? json(200, email) : appEmailHtmlPart(email);
      },
    },
    {
      method: "GET",
      path: "/_emulator/app-mailbox/:id",
      handler: ({ params }) => {
        const email = emailById(params.id);
        return email ? html(200, appEmailPage(email)) : notFound(params.id);
      },
    },
  ];
}

function summaryOf(email: AppEmail): Pick<AppEmail, "id" | "messageId" | "to" | "subject" | "receivedAt" | "deliveries"> {
  return { id: email.id, messageId: email.messageId, to: email.to, subject: email.subject, receivedAt: email.receivedAt, deliveries: email.deliveries };
}
