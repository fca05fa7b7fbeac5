import { DeadlineQueue, type Deadline } from "./deadline-queue.ts";
import type { ExchangeLike, ExchangeRequest, ExchangeResponse } from "./scim-transport.ts";

/**
 * How long the fake Entra waits for a SCIM target. Microsoft documents no timeout of the
 * provisioning service's SCIM client; its logs do have a `Timeout` error code
 * (https://learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-provisioning-logs).
 * The values are an assumption (quirks.scimClientTimeouts switches them on).
 */
export type ScimTimeouts = {
  /** Until the target's status line and headers arrive: connecting, TLS and the target's wait. */
  connectMs: number;
  /** Until the whole response, body included, has arrived. */
  responseMs: number;
};

/** Assumed: Node's own fetch gives up connecting after 10 s; a whole answer may take a minute. */
export const DEFAULT_SCIM_TIMEOUTS: ScimTimeouts = { connectMs: 10_000, responseMs: 60_000 };

/** A SCIM call that ran out of time; the exchange records it as a network failure with `timedOut`. */
export class ScimTimeoutError extends Error {
  readonly phase: "connect" | "response";
  readonly ms: number;

  constructor(phase: "connect" | "response", ms: number) {
    super(
      phase === "connect"
        ? `the target sent no response within ${ms} ms`
        : `the target's response did not complete within ${ms} ms`,
    );
    this.name = "ScimTimeoutError";
    this.phase = phase;
    this.ms = ms;
  }
}

/**
 * The exchange with both deadlines. The inner exchange is handed an AbortSignal, so a fetch drops
 * the connection when time runs out, and `onResponseStart`, which ends the connect deadline once the
 * headers are in (an exchange that never calls it is held to the shorter deadline for all of it).
 * The signal is made only when the inner exchange reads it (the in-process fake does not), and all
 * calls share one timer per deadline (see DeadlineQueue).
 */
export function withTimeouts(exchange: ExchangeLike, timeouts: ScimTimeouts): ExchangeLike {
  const queues = {
    connect: new DeadlineQueue<Phase>(timeouts.connectMs),
    response: new DeadlineQueue<Phase>(timeouts.responseMs),
  };
  return (request) =>
    new Promise((resolve, reject) => {
      const call = new TimedCall(request, { queues, timeouts, resolve, reject });
      let inner: Promise<ExchangeResponse>;
      try {
        inner = Promise.resolve(exchange(call));
      } catch (error) {
        call.fail(error);
        return;
      }
      inner.then(
        (answer) => call.answer(answer),
        (error: unknown) => call.fail(error),
      );
    });
}

type Phase = "connect" | "response";

/**
 * One call under both deadlines, and the request the inner exchange sees: a class, so that a call
 * builds no closures of its own, and its abort signal is made only when it is read.
 */
class TimedCall implements ExchangeRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  readonly #queues: Record<Phase, DeadlineQueue<Phase>>;
  readonly #timeouts: ScimTimeouts;
  readonly #resolve: (answer: ExchangeResponse) => void;
  readonly #reject: (error: unknown) => void;
  readonly #connect: Deadline;
  readonly #response: Deadline;
  #controller: AbortController | undefined;

  constructor(
    request: ExchangeRequest,
    options: {
      queues: Record<Phase, DeadlineQueue<Phase>>;
      timeouts: ScimTimeouts;
      resolve: (answer: ExchangeResponse) => void;
      reject: (error: unknown) => void;
    },
  ) {
    this.method = request.method;
    this.url = request.url;
    this.headers = request.headers;
    this.body = request.body;
    this.#queues = options.queues;
    this.#timeouts = options.timeouts;
    this.#resolve = options.resolve;
    this.#reject = options.reject;
    this.#connect = options.queues.connect.add(this, "connect");
    this.#response = options.queues.response.add(this, "response");
  }

  get signal(): AbortSignal {
    this.#controller ??= new AbortController();
    return this.#controller.signal;
  }

  onResponseStart(): void {
    this.#connect.done = true;
    this.#queues.connect.settle();
  }

  answer(answer: ExchangeResponse): void {
    this.#finish();
    this.#resolve(answer);
  }

  fail(error: unknown): void {
    this.#finish();
    this.#reject(error);
  }

  /** Called by the queue when a deadline passes first. */
  expire(phase: Phase): void {
    const error = new ScimTimeoutError(
      phase,
      phase === "connect" ? this.#timeouts.connectMs : this.#timeouts.responseMs,
    );
    this.#controller?.abort(error);
    this.fail(error);
  }

  #finish(): void {
    this.#connect.done = true;
    this.#response.done = true;
    this.#queues.connect.settle();
    this.#queues.response.settle();
  }
}
