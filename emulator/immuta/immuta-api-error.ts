import { STATUS_CODES } from "node:http";
import { MAX_ERROR_MESSAGE, truncateText, type EdgeError } from "../http/index.ts";

/**
 * An error of Immuta's REST API (/bim and the control API). Immuta's API is a hapi service;
 * its error bodies are assumed to be Boom-shaped: `{statusCode, error, message}`.
 */
export class ImmutaApiError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 431;

  constructor(status: ImmutaApiError["status"], message: string) {
    super(message);
    this.name = "ImmutaApiError";
    this.status = status;
  }

  /** An edge refusal (body size, JSON depth, Host, Origin, content type) in Immuta's shape. */
  static fromEdge(error: EdgeError): ImmutaApiError {
    return new ImmutaApiError(error.status === 408 ? 400 : error.status, error.message);
  }

  toResponse(): Response {
    return Response.json(
      {
        statusCode: this.status,
        error: STATUS_CODES[this.status] ?? "",
        message: truncateText(this.message, MAX_ERROR_MESSAGE),
      },
      { status: this.status },
    );
  }
}
