import { describe } from "vitest";
import { createContractImmuta, fakeImmutaTarget } from "./fake-immuta-target.ts";
import { describeProjectionContract } from "./projection.case.ts";
import { describeScimServerContract } from "./scim-server-contract.ts";

// In-process: app.fetch with no socket, the fastest transport (docs/layout.md, "Transports").
describe("fake Immuta SCIM server, in-process", () => {
  const immuta = createContractImmuta();
  const target = fakeImmutaTarget(immuta, "http://immuta.synclab.test", immuta.fetch);
  describeScimServerContract(() => target);
  describeProjectionContract(() => target);
});
