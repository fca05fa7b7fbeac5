/**
 * Fake Immuta SCIM throughput over loopback against a bare Hono handler in the same process
 * (target in docs/benchmarks.md: at least half of the bare handler's requests/second).
 *
 *   npx tsx bench/scim-throughput.ts [--users 10000] [--requests 2000] [--rounds 3] [--clients 16] [--journal 10000]
 *
 * Bounded: a fixed number of requests per scenario, a deadline per scenario, 127.0.0.1 only.
 */
import { parseArgs } from "node:util";
import { Hono } from "hono";
import { createImmutaApp } from "../emulator/immuta/index.ts";
import { DEV_CREDENTIALS } from "../emulator/immuta/index.ts";
import { listen } from "../emulator/serve.ts";

const EXTENSION = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const DEADLINE_MS = 60_000;

const { values: flags } = parseArgs({
  options: {
    users: { type: "string", default: "10000" },
    requests: { type: "string", default: "2000" },
    clients: { type: "string", default: "16" },
    journal: { type: "string", default: "10000" },
    rounds: { type: "string", default: "3" },
  },
});
const USERS = Number(flags.users);
const REQUESTS = Number(flags.requests);
const CLIENTS = Number(flags.clients);
const ROUNDS = Number(flags.rounds);

type Scenario = { name: string; request: (index: number) => Request; expect: number };
type Result = { name: string; requests: number; seconds: number; rps: number; p50: number; p99: number };

/** Runs `count` requests from `clients` concurrent loops; fails on any unexpected status. */
async function measure(scenario: Scenario, count: number, clients: number): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let index = next++; index < count; index = next++) {
      if (performance.now() - started > DEADLINE_MS)
        throw new Error(`${scenario.name}: over ${DEADLINE_MS} ms`);
      const sent = performance.now();
      const response = await fetch(scenario.request(index));
      await response.arrayBuffer();
      latencies.push(performance.now() - sent);
      if (response.status !== scenario.expect)
        throw new Error(
          `${scenario.name}: request ${index} answered ${response.status}, not ${scenario.expect}`,
        );
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { name: scenario.name, requests: count, seconds, rps: count / seconds, p50: at(0.5), p99: at(0.99) };
}

const immuta = createImmutaApp({
  iams: [
    {
      id: "entra",
      scimToken: DEV_CREDENTIALS.scimToken,
      attributeSchema: [{ scimSchema: EXTENSION, prefix: "entraid_attributes" }],
    },
  ],
  journalLimit: Number(flags.journal),
});
// Bare baselines: a GET answering JSON, and a POST that reads its JSON body (as the SCIM writes must).
const bare = new Hono()
  .get("/", (c) => c.json({ ok: true, name: "bare" }))
  .post("/", async (c) =>
    c.json({ ok: true, received: Object.keys(await c.req.json<object>()).length }, 201),
  );
const immutaServer = await listen(immuta.app, { port: 0, host: "127.0.0.1" });
const bareServer = await listen(bare, { port: 0, host: "127.0.0.1" });

const scimBase = `${immutaServer.url}/bim/scim/entra`;
const headers = {
  authorization: `Bearer ${DEV_CREDENTIALS.scimToken}`,
  "content-type": "application/scim+json",
};
const userBody = (userName: string) =>
  JSON.stringify({
    schemas: [USER],
    externalId: userName,
    userName,
    active: true,
    emails: [{ primary: true, type: "work", value: userName }],
    meta: { resourceType: "User" },
    name: { givenName: "Bench", familyName: "User" },
    [EXTENSION]: { zipcode: "98052", costCenter: "4130" },
  });

try {
  const ids: string[] = [];
  const preload: Scenario = {
    name: "preload POST /Users",
    expect: 201,
    request: (index) =>
      new Request(`${scimBase}/Users`, {
        method: "POST",
        headers,
        body: userBody(`preload${index}@contoso.example`),
      }),
  };
  const preloaded = await measure(preload, USERS, CLIENTS);
  for (const user of immuta.state.iam("entra")?.users.all() ?? []) ids.push(user.scimId);

  const scenarios: Scenario[] = [
    { name: "bare Hono GET", expect: 200, request: () => new Request(`${bareServer.url}/`) },
    {
      name: "bare Hono POST (reads its JSON body)",
      expect: 201,
      request: (index) =>
        new Request(`${bareServer.url}/`, {
          method: "POST",
          headers,
          body: userBody(`bare${index}@contoso.example`),
        }),
    },
    {
      name: "POST /Users",
      expect: 201,
      request: (index) =>
        new Request(`${scimBase}/Users`, {
          method: "POST",
          headers,
          body: userBody(`new${index}@contoso.example`),
        }),
    },
    {
      name: "PATCH /Users/{id} (legacy Replace)",
      expect: 200,
      request: (index) =>
        new Request(`${scimBase}/Users/${ids[index % ids.length]}`, {
          method: "PATCH",
          headers,
          body: JSON.stringify({
            schemas: [PATCH_OP],
            Operations: [{ op: "Replace", path: `${EXTENSION}:costCenter`, value: `cc-${index}` }],
          }),
        }),
    },
    {
      name: "GET /Users?filter=userName eq",
      expect: 200,
      request: (index) =>
        new Request(
          `${scimBase}/Users?${new URLSearchParams({ filter: `userName eq "preload${index % USERS}@contoso.example"` })}`,
          { headers },
        ),
    },
  ];

  // One short warm-up per scenario so JIT and connection pools are hot before the timed run.
  for (const scenario of scenarios)
    await measure({ ...scenario, request: (i) => scenario.request(i + REQUESTS) }, 500, CLIENTS);
  const results = [];
  for (const scenario of scenarios) results.push(await measure(scenario, REQUESTS, CLIENTS));

  // Reads are compared with the bare GET, writes (which send a body) with the bare POST.
  const bareGet = results[0]?.rps ?? 1;
  const barePost = results[1]?.rps ?? 1;
  const baselineOf = (name: string) => (/^(POST|PATCH|PUT)/.test(name) ? barePost : bareGet);
  console.log(
    `fake Immuta SCIM throughput over loopback: ${USERS} users preloaded (${preloaded.rps.toFixed(0)} req/s), ` +
      `${REQUESTS} requests per scenario and round, median of ${ROUNDS} rounds, ${CLIENTS} concurrent clients, ` +
      `journal limit ${flags.journal}`,
  );
  console.table(
    results.map((result) => ({
      scenario: result.name,
      requests: result.requests,
      seconds: Number(result.seconds.toFixed(2)),
      "req/s": Math.round(result.rps),
      "p50 ms": Number(result.p50.toFixed(2)),
      "p99 ms": Number(result.p99.toFixed(2)),
      "vs bare GET": Number((result.rps / bareGet).toFixed(2)),
      "vs its bare baseline": Number((result.rps / baselineOf(result.name)).toFixed(2)),
    })),
  );
  const scim = results.slice(2);
  const slowest = Math.min(...scim.map((result) => result.rps / baselineOf(result.name)));
  const slowestVsGet = Math.min(...scim.map((result) => result.rps / bareGet));
  console.log(
    `slowest SCIM scenario at ${(slowest * 100).toFixed(0)}% of its bare baseline, ` +
      `${(slowestVsGet * 100).toFixed(0)}% of the bare GET (bar: 50%)`,
  );
} finally {
  await immutaServer.close();
  await bareServer.close();
}
