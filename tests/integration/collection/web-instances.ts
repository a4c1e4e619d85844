import { spawn, type ChildProcess } from "node:child_process";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

const WEB_PROCESS = fileURLToPath(new URL("./web-process.ts", import.meta.url));
const READY_TIMEOUT_MS = 30_000;

/**
 * Several web instances of the app behind one address, as a load balancer would put them: each its own process
 * (web-process.ts) on the shared database, and a round-robin proxy in front that Shopify's webhooks go to.
 */
export class WebInstances {
  /** Requests the proxy forwarded, for the run's counts. */
  received = 0;
  url = "";
  private readonly children: ChildProcess[] = [];
  private readonly urls: string[] = [];
  private proxy: Server | undefined;
  private next = 0;

  static async start(count: number, databaseUrl: string, apiSecret: string): Promise<WebInstances> {
    const instances = new WebInstances();
    try {
      for (let index = 0; index < count; index += 1) instances.urls.push(await instances.spawnWeb(databaseUrl, apiSecret));
      await instances.listen();
      return instances;
    } catch (error) {
      await instances.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.proxy ? this.proxy.close(() => resolve()) : resolve()));
    this.proxy?.closeAllConnections();
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
            setTimeout(() => child.kill("SIGKILL"), 5000).unref();
          }),
      ),
    );
  }

  private spawnWeb(databaseUrl: string, apiSecret: string): Promise<string> {
    const child = spawn(process.execPath, ["--import", "tsx", WEB_PROCESS, databaseUrl, apiSecret], { stdio: ["ignore", "pipe", "inherit"] });
    this.children.push(child);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`a web instance did not start within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      child.stdout!.on("data", (chunk: Buffer) => {
        const ready = /ready (\S+)/.exec(chunk.toString("utf8"));
        if (!ready) return;
        clearTimeout(timer);
        resolve(ready[1]!);
      });
      child.once("exit", (code) => reject(new Error(`a web instance exited before it was ready (code ${code})`)));
    });
  }

  private async listen(): Promise<void> {
    this.proxy = createServer((incoming, outgoing) => {
      this.received += 1;
      const target = new URL(incoming.url ?? "/", this.urls[this.next++ % this.urls.length]);
      const forwarded = request(target, { method: incoming.method, headers: incoming.headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      forwarded.on("error", () => outgoing.writeHead(502).end());
      incoming.pipe(forwarded);
    });
    await new Promise<void>((resolve) => this.proxy!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.proxy.address() as AddressInfo).port}`;
  }
}
