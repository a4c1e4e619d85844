import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { JobQueue } from "../lib/jobs/job-queue.server";
import { verifyAndEnqueue } from "./webhook-intake.server";

/**
 * The app's webhook intake on a plain Node server, for processes that run without Remix (the collection demo,
 * end-to-end tests): every POST becomes a fetch Request with the raw body bytes intact (the HMAC covers them)
 * and is answered by the same `verifyAndEnqueue` as the app's webhooks.* routes.
 */
export class WebhookHttpServer {
  url = "";
  received = 0;
  /** Answers other than 200, by status. */
  readonly refused = new Map<number, number>();
  private server: Server | undefined;

  constructor(
    private readonly jobs: JobQueue,
    private readonly apiSecret: string,
  ) {}

  async start(port = 0): Promise<void> {
    this.server = createServer((incoming, outgoing) => {
      void this.answer(incoming).then(
        ({ status, body }) => outgoing.writeHead(status).end(body),
        // The intake failed (the database was busy past its timeout): a 500 makes Shopify retry.
        (error: unknown) => outgoing.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(incoming: IncomingMessage): Promise<{ status: number; body: string }> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      for (const each of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, each);
    }
    this.received += 1;
    const request = new Request(new URL(incoming.url ?? "/", this.url), { method: incoming.method ?? "POST", headers, body: Buffer.concat(chunks) });
    const response = await verifyAndEnqueue(request, { jobs: this.jobs, apiSecret: this.apiSecret });
    if (response.status !== 200) this.refused.set(response.status, (this.refused.get(response.status) ?? 0) + 1);
    return { status: response.status, body: await response.text() };
  }
}
