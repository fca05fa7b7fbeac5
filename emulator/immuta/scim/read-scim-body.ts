import { ScimError } from "../../scim/index.ts";
import type { JsonValue } from "../../scim/index.ts";

/** Largest request body the fake accepts (RFC 7644 §3.12 has 413 for bodies over the server's limit). */
export const MAX_BODY_BYTES = 1_048_576;

const JSON_TYPES = /^application\/(scim\+)?json\s*(;|$)/i;

const UTF8 = new TextDecoder();

/** Reads a request body as text, at most `limit` bytes (413 past that). */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new ScimError(413, `request body over ${limit} bytes`);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new ScimError(413, `request body over ${limit} bytes`);
    }
    chunks.push(value);
  }
  // A small body arrives in one chunk: decode it without copying.
  return UTF8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
}

/**
 * Parses a SCIM request body: JSON sent as `application/scim+json` or `application/json`
 * (RFC 7644 §3.1). A missing content type is accepted, since some clients leave it out.
 */
export function parseScimJson(text: string, contentType: string | null): JsonValue {
  if (contentType !== null && !JSON_TYPES.test(contentType)) {
    throw new ScimError(415, `content type '${contentType}' is not supported; send application/scim+json`);
  }
  if (text.trim() === "") throw new ScimError(400, "request body is empty", "invalidSyntax");
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new ScimError(400, `request body is not valid JSON: ${(error as Error).message}`, "invalidSyntax");
  }
}
