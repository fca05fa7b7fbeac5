/**
 * `synclab/msw`: msw handlers that answer a real-looking Immuta URL (and Graph URL) from the fakes
 * of `createSynclab`, for code under test that calls the global `fetch`.
 */
import type { HttpHandler } from "msw";
import { createMswHandlers } from "../emulator/msw-handlers.ts";
import type { Synclab } from "./create-synclab.ts";

/** Options of {@link createSynclabHandlers}. */
export type SynclabHandlersOptions = {
  /** The fakes to answer from (see `createSynclab`). */
  synclab: Synclab;
  /** Origin whose requests the fake Immuta answers; default `synclab.immutaUrl`. */
  immutaUrl?: string;
  /** Origin whose requests the fake Entra's Graph API answers (paths under `/v1.0`); none by default. */
  graphUrl?: string;
};

/** msw handlers for `setupServer(...)`: every request to the Immuta (and Graph) origin reaches the fakes. */
export function createSynclabHandlers(options: SynclabHandlersOptions): HttpHandler[] {
  const { synclab } = options;
  return [
    ...createMswHandlers(options.immutaUrl ?? synclab.immutaUrl, synclab.immuta),
    ...(options.graphUrl === undefined ? [] : createMswHandlers(options.graphUrl, synclab.entra)),
  ];
}

export type { Synclab } from "./create-synclab.ts";
