import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";

import { CLIENT_BUILD } from "./build-app";

export interface AppServer {
  /** `http://localhost:PORT` */
  readonly url: string;
  /** The loopback address the server listens on, for callers that must not depend on how `localhost` resolves. */
  readonly loopbackUrl: string;
  /** Starts answering with the built app; until then every request gets 503. */
  serve(build: ServerBuild): void;
  close(): Promise<void>;
}

/**
 * The HTTP server of the built Remix app (express, as Remix's own templates serve it). It listens before the
 * app is loaded because the app's URL must be known first (the emulator sends webhooks to it, and the app reads
 * it from its environment at import). Bound to the loopback interface only: local mode has no login.
 */
export async function listenAppServer(port: number): Promise<AppServer> {
  const app = express();
  app.disable("x-powered-by");
  // Vite fingerprints the files under /assets, so they never change under the same name.
  app.use("/assets", express.static(`${CLIENT_BUILD}/assets`, { immutable: true, maxAge: "1y" }));
  app.use(express.static(CLIENT_BUILD, { maxAge: "1h" }));
  let handler: express.RequestHandler | undefined;
  app.all("*", (request, response, next) => {
    if (!handler) return void response.status(503).type("text/plain").send("The app is starting; reload in a moment.");
    return handler(request, response, next);
  });

  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`port ${port} is in use: stop what runs there or choose another port`) : error),
    );
    server.listen(port, "127.0.0.1", resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${bound}`,
    loopbackUrl: `http://127.0.0.1:${bound}`,
    serve: (build) => {
      handler = createRequestHandler({ build, mode: process.env.NODE_ENV ?? "development" });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
