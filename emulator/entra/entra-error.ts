import { MAX_ERROR_MESSAGE, truncateText } from "../http/index.ts";

/** Graph error codes the fake Entra answers with (Microsoft Graph error responses). */
export const ENTRA_ERROR_CODES = [
  "Request_BadRequest",
  "Request_ResourceNotFound",
  "Request_UnsupportedQuery",
  "Request_MultipleObjectsWithSameKeyValue",
  "SystemForCrossDomainIdentityManagementCredentialValidationFailure",
  "InvalidAuthenticationToken",
  "BadRequest",
  "NotFound",
  "MethodNotAllowed",
  "TooManyRequests",
  "RequestEntityTooLarge",
] as const;
export type EntraErrorCode = (typeof ENTRA_ERROR_CODES)[number];

/** One entry of Graph's error `details` (a problem with `target` naming where it is). */
export type EntraErrorDetail = { code: string; message: string; target: string };

/** The fake Entra's one error type, rendered once as Graph's `{"error": {code, message, details?}}` body. */
export class EntraError extends Error {
  readonly status: 400 | 401 | 404 | 405 | 409 | 413 | 429;
  readonly code: EntraErrorCode;
  readonly details: EntraErrorDetail[];

  constructor(
    status: EntraError["status"],
    code: EntraErrorCode,
    message: string,
    details: EntraErrorDetail[] = [],
  ) {
    super(message);
    this.name = "EntraError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  toResponse(): Response {
    const details = this.details.map((detail) => ({
      code: detail.code,
      message: truncateText(detail.message, MAX_ERROR_MESSAGE),
      target: truncateText(detail.target, MAX_ERROR_MESSAGE),
    }));
    const error = {
      code: this.code,
      message: truncateText(this.message, MAX_ERROR_MESSAGE),
      ...(details.length > 0 ? { details } : {}),
    };
    return Response.json({ error }, { status: this.status });
  }
}
