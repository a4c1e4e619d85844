import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One webhook request as the receiver got it. */
export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly rawBody: string;
  readonly body: any;
}

/** Answers one request: the status to reply with; may also inspect the raw request (signature checks). */
export type ReceiverHandler = (request: IncomingMessage, response: ServerResponse, rawBody: string) => number | Promise<number>;

/**
 * A local HTTP server standing in for the app's webhook endpoints: it records every request and answers with
 * what the handler for its path says (200 by default).
 */
export class WebhookTestReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly handlers = new Map<string, ReceiverHandler>();
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const rawBody = Buffer.concat(chunks).toString("utf8");
        const path = new URL(request.url ?? "/", "http://receiver.local").pathname;
        this.received.push({ path, headers: request.headers, rawBody, body: JSON.parse(rawBody) });
        const status = await (this.handlers.get(path) ?? (() => 200))(request, response, rawBody);
        if (!response.writableEnded) response.writeHead(status).end();
      })();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  on(path: string, handler: ReceiverHandler): void {
    this.handlers.set(path, handler);
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === path);
  }

  reset(): void {
    this.received.length = 0;
    this.handlers.clear();
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
