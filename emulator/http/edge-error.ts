/** Stable codes of the problems the HTTP edge refuses; each fake renders them in its own error shape. */
export const EDGE_ERROR_CODES = [
  "BodyTooLarge",
  "BodyIncomplete",
  "InvalidJson",
  "JsonTooDeep",
  "UnsupportedMediaType",
  "HostNotAllowed",
  "OriginNotAllowed",
  "HeadersTooLarge",
  "BadRequest",
] as const;
export type EdgeErrorCode = (typeof EDGE_ERROR_CODES)[number];

/** HTTP statuses of the edge's refusals. */
export type EdgeErrorStatus = 400 | 403 | 408 | 413 | 415 | 431;

/**
 * A request the HTTP edge refuses before (or instead of) any handler's work. Neutral: it knows no
 * fake's error shape; the fake that catches it renders `status` and `message` its own way.
 */
export class EdgeError extends Error {
  readonly status: EdgeErrorStatus;
  readonly code: EdgeErrorCode;

  constructor(status: EdgeErrorStatus, code: EdgeErrorCode, message: string) {
    super(message);
    this.name = "EdgeError";
    this.status = status;
    this.code = code;
  }
}
