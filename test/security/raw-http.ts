import { request } from "node:http";
import net from "node:net";

/** An answer read whole: status, headers and body text. */
export type RawReply = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

/** One HTTP request with any headers (fetch may not set Host), over loopback. */
export function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: init.method ?? "GET", headers: init.headers ?? {} },
      (incoming) => {
        let body = "";
        incoming.setEncoding("utf8");
        incoming.on("data", (chunk: string) => (body += chunk));
        incoming.on("end", () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(init.body);
  });
}

/** Writes raw bytes to a port and reads until the server closes (or `closeAfterWrite` hangs up first). */
export function rawSocket(port: number, bytes: string, closeAfterWrite = false): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(bytes);
      if (closeAfterWrite) socket.destroy();
    });
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("close", () => resolve(text));
    socket.on("error", () => resolve(text));
  });
}
