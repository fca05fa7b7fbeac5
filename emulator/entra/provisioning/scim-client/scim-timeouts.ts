import type { ExchangeLike } from "./scim-transport.ts";

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
 */
export function withTimeouts(exchange: ExchangeLike, timeouts: ScimTimeouts): ExchangeLike {
  return async (request) => {
    const controller = new AbortController();
    const timers: ReturnType<typeof setTimeout>[] = [];
    const deadline = new Promise<never>((_resolve, reject) => {
      const expire = (phase: "connect" | "response", ms: number) => {
        const error = new ScimTimeoutError(phase, ms);
        controller.abort(error);
        reject(error);
      };
      timers.push(setTimeout(() => expire("connect", timeouts.connectMs), timeouts.connectMs));
      timers.push(setTimeout(() => expire("response", timeouts.responseMs), timeouts.responseMs));
    });
    const inner = Promise.resolve(
      exchange({
        ...request,
        signal: controller.signal,
        onResponseStart: () => clearTimeout(timers[0]),
      }),
    );
    try {
      return await Promise.race([inner, deadline]);
    } finally {
      for (const timer of timers) clearTimeout(timer);
      // The loser of the race must not become an unhandled rejection.
      inner.catch(() => undefined);
    }
  };
}
