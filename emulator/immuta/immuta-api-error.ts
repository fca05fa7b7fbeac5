import { STATUS_CODES } from "node:http";

/**
 * An error of Immuta's REST API (/bim and the control API). Immuta's API is a hapi service;
 * its error bodies are assumed to be Boom-shaped: `{statusCode, error, message}`.
 */
export class ImmutaApiError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415;

  constructor(status: ImmutaApiError["status"], message: string) {
    super(message);
    this.name = "ImmutaApiError";
    this.status = status;
  }

  toResponse(): Response {
    return Response.json(
      { statusCode: this.status, error: STATUS_CODES[this.status] ?? "", message: this.message },
      { status: this.status },
    );
  }
}
