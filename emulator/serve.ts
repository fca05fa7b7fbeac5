import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Duplex } from "node:stream";
import { getRequestListener } from "@hono/node-server";
import type { Hono } from "hono";
import { EdgeError } from "./http/index.ts";

/** A listening fake: its URL and how to stop it. */
export type Listening = { url: string; port: number; close: () => Promise<void> };

/** Renders a refusal of the HTTP layer in the fake's error shape; `path` is the request's, when known. */
export type ListenErrorRenderer = (error: EdgeError, path: string) => Response;

export type ListenOptions = {
  port: number;
  host?: string;
  /** Largest request head (request line and headers), in bytes; Node's default is 16 KiB. */
  maxHeaderBytes?: number;
  /** How to answer what never reaches the app (headers too large, malformed HTTP); default a JSON body. */
  renderError?: ListenErrorRenderer;
  /** Serve https with this PEM certificate and key. */
  tls?: { cert: string; key: string };
};

/** Node's request-head limit (https://nodejs.org/api/cli.html#--max-http-header-sizesize). */
export const DEFAULT_MAX_HEADER_BYTES = 16_384;

const plainError: ListenErrorRenderer = (error) =>
  Response.json({ error: error.code, message: error.message }, { status: error.status });

/**
 * Serves a Hono app on a real port: the only place the project touches @hono/node-server.
 * Binds 127.0.0.1 unless told otherwise; port 0 picks a free port. Requests Node refuses before the
 * app sees them (a head over `maxHeaderBytes`, malformed HTTP) get a body in the fake's error shape,
 * and a client that goes away mid-request is dropped quietly. With `tls` it serves https.
 */
export async function listen(app: Hono, options: ListenOptions): Promise<Listening> {
  const host = options.host ?? "127.0.0.1";
  const render = options.renderError ?? plainError;
  const listener = getRequestListener(app.fetch, {
    // The request could not become a fetch Request (say, a Host that makes no URL).
    errorHandler: () =>
      render(new EdgeError(400, "BadRequest", "the request's Host or URL is not valid"), ""),
  });
  const { tls } = options;
  const serverOptions = { maxHeaderSize: options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES };
  const handle = (incoming: IncomingMessage, outgoing: ServerResponse) => void listener(incoming, outgoing);
  const server = tls
    ? createHttpsServer({ ...serverOptions, cert: tls.cert, key: tls.key }, handle)
    : createServer(serverOptions, handle);
  server.on("clientError", (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    answerClientError(error, socket, render);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
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
        server.closeAllConnections();
      }),
  };
}

/** Node's parse errors as answers with a body (Node's own is a bare status line); resets end silently. */
function answerClientError(
  error: NodeJS.ErrnoException & { rawPacket?: Buffer },
  socket: Duplex,
  render: ListenErrorRenderer,
): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const refusal =
    error.code === "HPE_HEADER_OVERFLOW"
      ? new EdgeError(
          431,
          "HeadersTooLarge",
          "the request line and headers are larger than the server accepts",
        )
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? new EdgeError(408, "BadRequest", "the request was not received in time")
        : new EdgeError(400, "BadRequest", "the request is not valid HTTP/1.1");
  // The request line, when it arrived: it tells a fake which route's error shape to answer in.
  const path = /^[A-Z]+ (\/[^ \r\n?]*)/.exec(error.rawPacket?.toString("latin1", 0, 4096) ?? "")?.[1] ?? "";
  const response = render(refusal, path);
  response.text().then(
    (body) => {
      const type = response.headers.get("content-type") ?? "application/json";
      socket.end(
        `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}\r\ncontent-type: ${type}\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    },
    () => socket.destroy(),
  );
}
