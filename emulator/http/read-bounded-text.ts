import { EdgeError } from "./edge-error.ts";

const UTF8 = new TextDecoder();

/**
 * Reads a request body as UTF-8 text, at most `limit` bytes: 413 when the declared or the received
 * size is larger (the rest is not read). A client that goes away mid-body is a 400 BodyIncomplete,
 * an expected event rather than a server fault, so nobody logs a stack trace for it.
 */
export async function readBoundedText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof EdgeError) throw error;
    throw new EdgeError(400, "BodyIncomplete", "the request body was not received completely");
  }
  // A small body arrives in one chunk: decode it without copying.
  return UTF8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
}

function tooLarge(limit: number): EdgeError {
  return new EdgeError(413, "BodyTooLarge", `request body over ${limit} bytes`);
}
