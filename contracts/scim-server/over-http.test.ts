import { afterAll, beforeAll, describe } from "vitest";
import { listen, type Listening } from "../../emulator/serve.ts";
import { createContractImmuta, fakeImmutaTarget } from "./fake-immuta-target.ts";
import { describeProjectionContract } from "./projection.case.ts";
import type { ImmutaScimTarget } from "./scim-target.ts";
import { describeScimServerContract } from "./scim-server-contract.ts";

// Over a real loopback socket, through @hono/node-server and the global fetch (undici).
describe("fake Immuta SCIM server, over HTTP on 127.0.0.1", () => {
  const immuta = createContractImmuta();
  let server: Listening | undefined;
  let target: ImmutaScimTarget | undefined;
  beforeAll(async () => {
    server = await listen(immuta.app, { port: 0, host: "127.0.0.1" });
    target = fakeImmutaTarget(immuta, server.url, (request) => fetch(request));
  });
  afterAll(async () => {
    await server?.close();
  });
  const current = (): ImmutaScimTarget => {
    if (!target) throw new Error("the server is not listening yet");
    return target;
  };
  describeScimServerContract(current);
  describeProjectionContract(current);
});
