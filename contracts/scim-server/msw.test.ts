import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe } from "vitest";
import { createMswHandlers } from "../../emulator/msw-handlers.ts";
import { createContractImmuta, fakeImmutaTarget } from "./fake-immuta-target.ts";
import { describeProjectionContract } from "./projection.case.ts";
import { describeScimServerContract } from "./scim-server-contract.ts";

// msw interception: the global fetch against a real-looking Immuta URL, answered by the fake in
// process (docs/layout.md, "Transports"). Unhandled requests fail the test.
const ORIGIN = "https://acme.immuta.example";

describe("fake Immuta SCIM server, through msw interception of the global fetch", () => {
  const immuta = createContractImmuta();
  const server = setupServer(...createMswHandlers(ORIGIN, immuta));
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());
  const target = fakeImmutaTarget(immuta, ORIGIN, (request) => fetch(request));
  describeScimServerContract(() => target);
  describeProjectionContract(() => target);
});
