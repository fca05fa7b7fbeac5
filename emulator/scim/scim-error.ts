import { MAX_ERROR_MESSAGE, truncateText } from "../http/index.ts";
import { SCIM_CONTENT_TYPE, URN } from "./urns.ts";

/** The `scimType` values of RFC 7644 §3.12, table 9. */
export const SCIM_TYPES = [
  "invalidFilter",
  "tooMany",
  "uniqueness",
  "mutability",
  "invalidSyntax",
  "invalidPath",
  "noTarget",
  "invalidValue",
  "invalidVers",
  "sensitive",
] as const;
export type ScimType = (typeof SCIM_TYPES)[number];

/** HTTP statuses a SCIM error may carry. */
export type ScimErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 429 | 431 | 500 | 501;

/**
 * The one SCIM error of the project. Both fakes throw it; one place renders it as the
 * RFC 7644 §3.12 body (`status` as a string, `scimType`, `detail`) with `application/scim+json`.
 */
export class ScimError extends Error {
  readonly status: ScimErrorStatus;
  readonly scimType: ScimType | undefined;

  constructor(status: ScimErrorStatus, detail: string, scimType?: ScimType) {
    super(detail);
    this.name = "ScimError";
    this.status = status;
    this.scimType = scimType;
  }

  /** The RFC 7644 §3.12 error body; `detail` is cut to MAX_ERROR_MESSAGE characters. */
  toJSON(): { schemas: string[]; status: string; scimType?: ScimType; detail: string } {
    return {
      schemas: [URN.error],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: truncateText(this.message, MAX_ERROR_MESSAGE),
    };
  }

  /**
   * The error as an HTTP answer, the one rendering of a SCIM error: the RFC 7644 §3.12 body as
   * `application/scim+json`, and on a 401 the `WWW-Authenticate` challenge (RFC 6750 §3).
   */
  toReply(): ScimErrorReply {
    const headers: Record<string, string> = { "content-type": SCIM_CONTENT_TYPE };
    if (this.status === 401) headers["www-authenticate"] = 'Bearer realm="synclab"';
    return { status: this.status, headers, body: JSON.stringify(this.toJSON()) };
  }
}

/** A rendered SCIM error: status, header table and body text, ready for a Response or a journal. */
export type ScimErrorReply = { status: ScimErrorStatus; headers: Record<string, string>; body: string };
