import { describe } from "vitest";
import type { ImmutaApp } from "../../emulator/immuta/index.ts";
import { createContractImmuta, fakeImmutaTarget } from "./fake-immuta-target.ts";
import { describeProjectionContract } from "./projection.case.ts";
import { describeScimServerContract } from "./scim-server-contract.ts";

// In-process: the plain exchange the engine uses (no socket, no Request handed to the fake), the
// fastest transport (docs/layout.md, "Transports"). The suite speaks fetch, so it is adapted here.
describe("fake Immuta SCIM server, in-process", () => {
  const immuta = createContractImmuta();
  const target = fakeImmutaTarget(immuta, "http://immuta.synclab.test", viaExchange(immuta));
  describeScimServerContract(() => target);
  describeProjectionContract(() => target);
});

function viaExchange(immuta: ImmutaApp): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = ["GET", "HEAD"].includes(request.method) ? null : await request.text();
    const reply = await immuta.exchange({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body,
    });
    const empty = reply.status === 204 || reply.status === 304;
    return new Response(empty ? null : reply.body, { status: reply.status, headers: reply.headers });
  };
}
