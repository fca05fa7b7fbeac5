/** Graph error codes the fake Entra answers with (Microsoft Graph error responses). */
export const ENTRA_ERROR_CODES = [
  "Request_BadRequest",
  "Request_ResourceNotFound",
  "InvalidAuthenticationToken",
  "BadRequest",
  "NotFound",
  "MethodNotAllowed",
  "TooManyRequests",
] as const;
export type EntraErrorCode = (typeof ENTRA_ERROR_CODES)[number];

/** The fake Entra's one error type, rendered once as Graph's `{"error": {code, message}}` body. */
export class EntraError extends Error {
  readonly status: 400 | 401 | 404 | 405 | 409 | 429;
  readonly code: EntraErrorCode;

  constructor(status: EntraError["status"], code: EntraErrorCode, message: string) {
    super(message);
    this.name = "EntraError";
    this.status = status;
    this.code = code;
  }

  toResponse(): Response {
    return Response.json({ error: { code: this.code, message: this.message } }, { status: this.status });
  }
}
