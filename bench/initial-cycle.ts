/**
 * One initial provisioning cycle of 10,000 users with 10 mapped attributes (core plus custom
 * extension attributes), in-process: the fake Immuta's fetch handed straight to the engine.
 * Target (docs/benchmarks.md): about a second. Run: npx tsx bench/initial-cycle.ts [users]
 */
import { EntraTenant } from "../emulator/entra/tenant/index.ts";
import { defaultObjectMapping } from "../emulator/entra/provisioning/index.ts";
import { targetAttribute, type AttributeMapping } from "../emulator/entra/provisioning/index.ts";
import { createImmutaApp } from "../emulator/immuta/index.ts";
import { createDeterministicRuntime } from "../emulator/runtime/runtime.ts";

const USERS = Number(process.argv[2] ?? 10_000);
const EXT = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";
const runtime = createDeterministicRuntime(7);
const immuta = createImmutaApp({
  iams: [
    {
      id: "entra",
      type: "saml",
      syncAttributes: true,
      attributeSchema: [{ scimSchema: EXT, prefix: "entra" }],
    },
  ] as never,
  runtime: { clock: runtime.clock, newId: runtime.newId },
});
const iam = immuta.state.iams()[0];
if (!iam) throw new Error("no IAM");
const tenant = new EntraTenant({ runtime, exchange: immuta.exchange });

const direct = (target: string, attribute: string, matchingPriority = 0): AttributeMapping => ({
  target,
  source: { type: "Direct", attribute },
  defaultValue: null,
  flowType: "Always",
  matchingPriority,
});
const mappings: AttributeMapping[] = [
  direct("userName", "userPrincipalName", 1),
  {
    ...direct("active", "IsSoftDeleted"),
    source: { type: "Expression", expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' },
  },
  direct("displayName", "displayName"),
  direct("externalId", "mailNickname"),
  direct('emails[type eq "work"].value', "mail"),
  direct(`${EXT}:zipcode`, "postalCode"),
  direct(`${EXT}:city`, "city"),
  direct(`${EXT}:department`, "department"),
  direct(`${EXT}:costCenter`, "extensionAttribute1"),
  direct(`${EXT}:division`, "extensionAttribute2"),
];
const users = { ...defaultObjectMapping("User"), mappings };
const app = tenant.addApp({
  displayName: "Immuta",
  config: {
    tenantUrl: `http://immuta.bench${iam.config.scimPath}`,
    secretToken: iam.config.scimToken,
    scope: "all",
    userAttributes: mappings.map((mapping) =>
      targetAttribute(mapping.target, mapping.target === "active" ? { type: "Boolean" } : {}),
    ),
    groupAttributes: [],
    users,
    groups: { ...defaultObjectMapping("Group"), enabled: false },
    skipOutOfScopeDeletions: false,
  },
});
for (let index = 0; index < USERS; index++) {
  tenant.directory.createUser({
    userPrincipalName: `user${index}@contoso.com`,
    displayName: `User ${index}`,
    mailNickname: `user${index}`,
    mail: `user${index}@contoso.com`,
    postalCode: String(10000 + index),
    city: "Oslo",
    department: `Dept ${index % 50}`,
    onPremisesExtensionAttributes: { extensionAttribute1: `CC${index % 97}`, extensionAttribute2: "North" },
  });
}

// The floor of the in-process transport on this machine: building the Request and Response objects alone.
const floorStart = performance.now();
for (let index = 0; index < USERS * 2 + 1; index++) {
  new Request(`http://immuta.bench/Users/${index}`, {
    method: "POST",
    headers: { authorization: "Bearer x" },
    body: "{}",
  });
  await new Response("{}", { status: 201 }).text();
}
const floor = performance.now() - floorStart;

const started = performance.now();
const result = await app.engine.runCycle("initial");
const elapsed = performance.now() - started;
const failures = result.results.filter(
  (object) => object.log.provisioningStatusInfo.status === "failure",
).length;
console.log(
  `initial cycle: ${USERS} users, ${mappings.length} mapped attributes: ${elapsed.toFixed(0)} ms, ` +
    `${result.exchanges.length} requests sent, ${failures} failures, ${immuta.state.iams()[0]?.users.size ?? "?"} users in Immuta` +
    `\n(floor: ${(USERS * 2 + 1).toLocaleString("en")} bare Request+Response objects take ${floor.toFixed(0)} ms here)`,
);
