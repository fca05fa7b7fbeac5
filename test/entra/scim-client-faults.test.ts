import type { HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { listen, type Listening } from "../../emulator/serve.ts";
import { buildWorld, parseScenario, type World } from "../../scenarios/index.ts";

/** A target that misbehaves in one way: what Entra's SCIM client meets in the field. */
type Fault = "hang" | "reset" | "slow" | "garbage" | "notScim" | "throttled" | "failing" | "healthy";

const SCENARIO = `name: scim client faults
entra:
  users:
    - userPrincipalName: alice@contoso.com
immuta:
  iams:
    - id: entra
`;

/** Short deadlines, so a hanging target costs the suite well under a second per call. */
const TIMEOUTS = { connectMs: 250, responseMs: 600 };

let fault: Fault = "healthy";
let seen = 0;
let target: Listening;
let world: World;

beforeAll(async () => {
  const app = new Hono();
  app.all("*", (c) => {
    seen += 1;
    const socket = (c.env as HttpBindings).incoming.socket;
    switch (fault) {
      case "hang":
        return new Promise<Response>(() => undefined);
      case "reset":
        socket.resetAndDestroy();
        return new Promise<Response>(() => undefined);
      case "garbage":
        socket.end("\x00\x01 this is not HTTP\r\n\r\n");
        return new Promise<Response>(() => undefined);
      case "slow":
        // Headers at once, then a body that never ends.
        return new Response(
          new ReadableStream({ start: (controller) => controller.enqueue(new Uint8Array([123])) }),
          {
            headers: { "content-type": "application/scim+json" },
          },
        );
      case "notScim":
        return c.html("<html>maintenance</html>", 200);
      case "throttled":
        return c.json({ status: "429", detail: "slow down" }, 429, { "retry-after": "120" });
      case "failing":
        return c.json({ status: "500", detail: "boom" }, 500);
      case "healthy":
        return world.immuta.fetch(new Request(c.req.url.replace(target.url, world.immutaOrigin), c.req.raw));
    }
  });
  target = await listen(app, { port: 0 });
});
afterAll(async () => {
  await target.close();
});
beforeEach(() => {
  fault = "healthy";
  seen = 0;
  const scenario = parseScenario(SCENARIO);
  scenario.entra.app.tenantUrl = `${target.url}/bim/scim/entra`;
  scenario.entra.scimTimeouts = TIMEOUTS;
  world = buildWorld(scenario, { runtime: createDeterministicRuntime(3) });
});

const ALICE = "alice@contoso.com";

function aliceId(): string {
  const user = world.tenant.directory.user(ALICE);
  if (!user) throw new Error("alice missing");
  return user.id;
}

describe("the fake Entra's SCIM client against a faulty target", () => {
  it.each([
    ["hangs after accepting the connection", "hang", "Timeout", 1],
    ["sends headers and never finishes the body", "slow", "Timeout", 1],
    ["resets the connection", "reset", "WebExceptionProtocolError", 1],
    ["answers bytes that are not HTTP", "garbage", "WebExceptionProtocolError", 1],
    [
      "answers 200 with a body that is not SCIM",
      "notScim",
      "SystemForCrossDomainIdentityManagementServiceIncompatible",
      1,
    ],
    ["answers 429 with Retry-After", "throttled", "TooManyRequests", 1],
    ["answers 500", "failing", "InternalServerError", 3],
  ] as const)(
    "provision on demand returns, logs the error code and escrows the user when the target %s",
    async (_name, kind, errorCode, requests) => {
      fault = kind;
      const result = await world.app.engine.provisionOnDemand(ALICE);
      const log = result.results.at(-1)?.log;
      expect(log?.provisioningStatusInfo.status).toBe("failure");
      expect(log?.provisioningStatusInfo.errorInformation?.errorCode).toBe(errorCode);
      expect(world.app.engine.escrow.has(aliceId())).toBe(true);
      // The keep-alive probe runs first; the matching query is the object's first request.
      const objectRequests = result.results.at(-1)?.exchanges.length;
      expect(objectRequests).toBe(requests);
      expect(seen).toBeGreaterThanOrEqual(2);
    },
  );

  it.each([["hang"], ["slow"], ["reset"], ["garbage"], ["throttled"], ["failing"]] as const)(
    "Test Connection returns a credential failure against the %s target",
    async (kind) => {
      fault = kind;
      const test = await world.app.engine.testConnection();
      expect(test.ok).toBe(false);
      expect(test.error?.errorCode).toBe("SystemForCrossDomainIdentityManagementCredentialValidationFailure");
    },
  );

  it("records which deadline ran out", async () => {
    fault = "hang";
    const hung = await world.app.engine.testConnection();
    fault = "slow";
    const slow = await world.app.engine.testConnection();
    expect([hung.exchange.timedOut, slow.exchange.timedOut]).toEqual(["connect", "response"]);
  });

  it("retries an escrowed user in the next cycle once the target answers again", async () => {
    fault = "hang";
    const failed = await world.app.engine.runCycle("initial");
    expect(
      failed.results.map((result) => result.log.provisioningStatusInfo.errorInformation?.errorCode),
    ).toEqual(["Timeout"]);
    fault = "healthy";
    const retried = await world.app.engine.runCycle("incremental");
    expect(retried.results.map((result) => result.log.provisioningStatusInfo.status)).toEqual(["success"]);
    expect(world.app.engine.escrow.has(aliceId())).toBe(false);
    expect(world.immuta.state.iam("entra")?.users.getByUserName(ALICE)).toBeDefined();
  });
});
