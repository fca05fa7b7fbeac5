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
      { statusCode: this.status, error: REASONS[this.status], message: this.message },
      { status: this.status },
    );
  }
}

const REASONS: Record<ImmutaApiError["status"], string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
};
