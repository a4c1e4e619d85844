import type { IncomingMessage, ServerResponse } from "node:http";

export interface RouteRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage["headers"];
  /** The raw body (webhook-style callers and GraphQL both need the exact bytes). */
  readonly body: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface RouteResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

export type RouteHandler = (request: RouteRequest) => RouteResponse | Promise<RouteResponse>;

export interface Route {
  readonly method: "GET" | "POST";
  /** A path with `:name` segments: `/checkout/:token/pay`. */
  readonly path: string;
  readonly handler: RouteHandler;
}

export const json = (status: number, value: unknown): RouteResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8" },
  body: JSON.stringify(value),
});

export const html = (status: number, body: string): RouteResponse => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8" },
  body,
});

/** Matches a request against routes; `undefined` when none matches. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): { route: Route; params: Record<string, string> } | undefined {
  const parts = pathname.split("/").filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split("/").filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((segment, index) => {
      const part = parts[index] as string;
      if (segment.startsWith(":")) {
        params[segment.slice(1)] = decodeURIComponent(part);
        return true;
      }
      return segment === part;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function send(response: ServerResponse, result: RouteResponse): void {
  response.writeHead(result.status, result.headers ?? {});
  response.end(result.body);
}
