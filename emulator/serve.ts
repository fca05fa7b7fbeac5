import { createServer as createHttpsServer } from "node:https";
import { serve, type ServerType } from "@hono/node-server";
import type { Hono } from "hono";

/** A listening fake: its URL and how to stop it. */
export type Listening = { url: string; port: number; close: () => Promise<void> };

/**
 * Serves a Hono app on a real port: the only place the project touches @hono/node-server.
 * Binds 127.0.0.1 unless told otherwise; port 0 picks a free port. With `tls` it serves https.
 */
export async function listen(
  app: Hono,
  options: { port: number; host?: string; tls?: { cert: string; key: string } },
): Promise<Listening> {
  const host = options.host ?? "127.0.0.1";
  const { tls } = options;
  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve(
      {
        fetch: app.fetch,
        port: options.port,
        hostname: host,
        ...(tls ? { createServer: createHttpsServer, serverOptions: { cert: tls.cert, key: tls.key } } : {}),
      },
      () => resolve(started),
    );
    started.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `${tls ? "https" : "http"}://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
