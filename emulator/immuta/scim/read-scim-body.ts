import { EdgeError, parseBoundedJson, readBoundedText, truncateText } from "../../http/index.ts";
import { ScimError, type JsonValue, type ScimType } from "../../scim/index.ts";

const JSON_TYPES = /^application\/(scim\+)?json\s*(;|$)/i;

/** Reads a SCIM request body as text, at most `limit` bytes (413 past that). */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  try {
    return await readBoundedText(request, limit);
  } catch (error) {
    throw toScimError(error);
  }
}

/**
 * Parses a SCIM request body: JSON sent as `application/scim+json` or `application/json`
 * (RFC 7644 §3.1), nested at most `maxDepth` levels. A missing content type is accepted, since some
 * clients leave it out.
 */
export function parseScimJson(text: string, contentType: string | null, maxDepth: number): JsonValue {
  if (contentType !== null && !JSON_TYPES.test(contentType)) {
    throw new ScimError(
      415,
      `content type '${truncateText(contentType, 64)}' is not supported; send application/scim+json`,
    );
  }
  if (text.trim() === "") throw new ScimError(400, "request body is empty", "invalidSyntax");
  try {
    return parseBoundedJson(text, maxDepth) as JsonValue;
  } catch (error) {
    throw toScimError(error);
  }
}

/** Any failure as a SCIM error: an edge refusal keeps its status; an unexpected error is a 500. */
export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof EdgeError) {
    const scimType: ScimType | undefined = error.status === 400 ? "invalidSyntax" : undefined;
    return new ScimError(error.status === 408 ? 400 : error.status, error.message, scimType);
  }
  console.error("synclab: unexpected error in the fake Immuta:", error);
  return new ScimError(500, "internal error in the fake Immuta");
}
