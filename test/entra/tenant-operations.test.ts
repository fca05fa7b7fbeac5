import { describe, expect, it } from "vitest";
import { createEntraApp } from "../../emulator/entra/index.ts";
import { toGraphAttributeMapping } from "../../emulator/entra/index.ts";
import type { SynchronizationSchema } from "../../emulator/entra/index.ts";
import { DEFAULT_ACCESS_ROLE_ID } from "../../emulator/entra/index.ts";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { parseScenario } from "../../scenarios/index.ts";
import { mappingSchema } from "../../scenarios/index.ts";
import { runScenario } from "../../scenarios/index.ts";
import type { World } from "../../scenarios/index.ts";
import { toAttributeMapping } from "../../scenarios/index.ts";

const ZIPCODE = "urn:ietf:params:scim:schemas:extension:custom:2.0:User:zipcode";

/** Alice fails to export (two values for a single-valued target), so the job has an escrow to keep or clear. */
const SCENARIO = `
name: tenant operations
seed: 11
entra:
  app:
    users:
      mappings:
        - target: ${ZIPCODE}
          source: postalCode
        - target: urn:ietf:params:scim:schemas:extension:custom:2.0:User:tags
          expression: 'Split([department], ",")'
  users:
    - userPrincipalName: alice@contoso.com
      postalCode: "98052"
      department: "a,b"
    - userPrincipalName: bob@contoso.com
      department: solo
    - userPrincipalName: carol@contoso.com
      department: solo
      assigned: false
  groups:
    - displayName: Analysts
      members: [bob@contoso.com]
immuta:
  iams:
    - id: entra
      attributeSchema:
        - scimSchema: urn:ietf:params:scim:schemas:extension:custom:2.0:User
          prefix: entraid
steps:`;

type Graph = (method: string, path: string, body?: unknown) => Promise<{ status: number; json: unknown }>;

function graphOf(world: World): Graph {
  const app = createEntraApp(world.tenant);
  return async (method, path, body) => {
    const response = await app.request(`http://entra.synclab.test${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    const text = await response.text();
    return { status: response.status, json: text === "" ? null : (JSON.parse(text) as unknown) };
  };
}

/** Everything the tenant keeps about the directory and the app's job, as plain data. */
function tenantState(world: World) {
  const { tenant, app } = world;
  const { engine } = app;
  return {
    changeSeq: tenant.directory.changeSeq,
    users: tenant.directory.users({ includeDeleted: true }).map((user) => ({
      ...user,
      properties: Object.fromEntries(user.properties),
    })),
    groups: tenant.directory.groups({ includeDeleted: true }).map((group) => ({
      ...group,
      members: [...group.members],
    })),
    job: { ...app.job, assignments: [...app.job.assignments] },
    assignments: [...app.state.assignments],
    lastCycle: app.state.lastCycle,
    watermark: engine.watermark,
    escrows: engine.escrow.ids().map((id) => [id, engine.escrow.get(id)]),
    anchors: [...engine.anchors],
    groupAnchors: [...engine.groupAnchors],
    logs: engine.logs,
  };
}

function graphPath(world: World): { graph: Graph; sp: string; job: string } {
  const { servicePrincipalId, jobId } = world.app.job;
  return {
    graph: graphOf(world),
    sp: `/v1.0/servicePrincipals/${servicePrincipalId}`,
    job: `/v1.0/servicePrincipals/${servicePrincipalId}/synchronization/jobs/${jobId}`,
  };
}

const userId = (world: World, upn: string) => world.tenant.directory.user(upn)!.id;

type Operation = {
  name: string;
  /** Steps both worlds run first. */
  before: string[];
  /** The operation as a scenario step. */
  step: string;
  /** The same operation through the Graph HTTP API; it answers the statuses it got. */
  viaGraph: (world: World) => Promise<number[]>;
};

const OPERATIONS: Operation[] = [
  {
    name: "assign",
    before: ["cycle: initial"],
    step: "assign: carol@contoso.com",
    viaGraph: async (world) => {
      const { graph, sp } = graphPath(world);
      const body = {
        principalId: userId(world, "carol@contoso.com"),
        resourceId: world.app.job.servicePrincipalId,
        appRoleId: DEFAULT_ACCESS_ROLE_ID,
      };
      return [(await graph("POST", `${sp}/appRoleAssignedTo`, body)).status];
    },
  },
  {
    name: "unassign",
    before: ["cycle: initial"],
    step: "unassign: bob@contoso.com",
    viaGraph: async (world) => {
      const { graph, sp } = graphPath(world);
      const list = (await graph("GET", `${sp}/appRoleAssignedTo`)).json as {
        value: { id: string; principalId: string }[];
      };
      const bob = list.value.find(
        (assignment) => assignment.principalId === userId(world, "bob@contoso.com"),
      );
      return [(await graph("DELETE", `${sp}/appRoleAssignedTo/${bob?.id ?? "none"}`)).status];
    },
  },
  {
    name: "set a mapping (Graph: the schema with that mapping changed)",
    before: ["cycle: initial"],
    step: `setMapping: {target: "${ZIPCODE}", constant: "10001"}`,
    viaGraph: async (world) => {
      const { graph, job } = graphPath(world);
      const schema = (await graph("GET", `${job}/schema`)).json as SynchronizationSchema;
      const users = schema.synchronizationRules[0]!.objectMappings[0]!;
      const mapping = toAttributeMapping(mappingSchema.parse({ target: ZIPCODE, constant: "10001" }));
      users.attributeMappings = users.attributeMappings.map((row) =>
        row.targetAttributeName === ZIPCODE ? toGraphAttributeMapping(mapping) : row,
      );
      return [(await graph("PUT", `${job}/schema`, schema)).status];
    },
  },
  {
    name: "set a quirk",
    before: [],
    step: "setQuirk: {name: keepAliveProbe, value: false}",
    viaGraph: async (world) => {
      const sp = world.app.job.servicePrincipalId;
      const path = `/_synclab/entra/servicePrincipals/${sp}/quirks/keepAliveProbe`;
      return [(await graphOf(world)("PUT", path, { value: false })).status];
    },
  },
  {
    name: "run a first cycle",
    before: [],
    step: "cycle: initial",
    viaGraph: async (world) => {
      const { graph, job } = graphPath(world);
      return [(await graph("POST", `${job}/start`)).status];
    },
  },
  {
    name: "run a later cycle",
    before: ["cycle: initial", "updateUser: {user: bob@contoso.com, set: {department: duo}}"],
    step: "cycle: incremental",
    viaGraph: async (world) => {
      const { graph, job } = graphPath(world);
      return [(await graph("POST", `${job}/start`)).status];
    },
  },
  {
    name: "restart as the portal does",
    before: ["cycle: initial"],
    step: "restart: true",
    viaGraph: async (world) => {
      const { graph, job } = graphPath(world);
      return [(await graph("POST", `${job}/restart`, {})).status];
    },
  },
  {
    name: "restart with resetScope Full",
    before: ["cycle: initial"],
    step: "restart: {resetScope: Full}",
    viaGraph: async (world) => {
      const { graph, job } = graphPath(world);
      return [(await graph("POST", `${job}/restart`, { criteria: { resetScope: "Full" } })).status];
    },
  },
];

async function worldAfter(steps: string[]): Promise<World> {
  const list = steps.length === 0 ? " []\n" : `\n${steps.map((step) => `  - ${step}\n`).join("")}`;
  const scenario = parseScenario(`${SCENARIO}${list}`);
  const report = await runScenario(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
  expect(report.steps.filter((step) => !step.ok).map((step) => step.lines)).toEqual([]);
  return report.world;
}

describe("tenant operations", () => {
  it.each(OPERATIONS)(
    "$name leaves the same state and logs through Graph as through a scenario step",
    async ({ before, step, viaGraph }) => {
      const throughGraph = await worldAfter(before);
      const statuses = await viaGraph(throughGraph);
      expect(statuses.every((status) => status >= 200 && status < 300)).toBe(true);
      const throughStep = await worldAfter([...before, step]);
      expect(tenantState(throughGraph)).toStrictEqual(tenantState(throughStep));
      // The next cycle (run the same way in both) shows the operation's effect on provisioning.
      await throughGraph.tenant.runCycle(throughGraph.app);
      await throughStep.tenant.runCycle(throughStep.app);
      expect(tenantState(throughGraph)).toStrictEqual(tenantState(throughStep));
    },
  );

  it("tells two different operations apart, so the comparison can fail", async () => {
    const portal = await worldAfter(["cycle: initial", "restart: true"]);
    const full = await worldAfter(["cycle: initial", "restart: {resetScope: Full}"]);
    expect(tenantState(portal)).not.toStrictEqual(tenantState(full));
  });

  it("keeps the escrow on a mapping change and clears it on the portal's restart", async () => {
    const changed = await worldAfter(["cycle: initial", `setMapping: {target: "${ZIPCODE}", constant: "1"}`]);
    const restarted = await worldAfter(["cycle: initial", "restart: true"]);
    const alice = userId(changed, "alice@contoso.com");
    expect([changed.app.engine.escrow.has(alice), restarted.app.engine.escrow.has(alice)]).toEqual([
      true,
      false,
    ]);
    expect([changed.app.engine.watermark, restarted.app.engine.watermark]).toEqual([-1, -1]);
  });

  it("records a scenario cycle as the job's last execution and makes the job Active", async () => {
    const world = await worldAfter(["cycle: initial"]);
    expect(world.app.job.status).toBe("Active");
    expect(world.app.state.lastCycle).toMatchObject({
      kind: "initial",
      cycleId: world.app.engine.logs[0]?.cycleId,
    });
  });

  it.each([
    ["an assign of a principal assigned already", "assign: bob@contoso.com", "Request_BadRequest"],
    ["an unassign of a principal not assigned", "unassign: carol@contoso.com", "Request_ResourceNotFound"],
  ])("refuses %s in a scenario, as Graph does", async (_name, step, code) => {
    const scenario = parseScenario(`${SCENARIO}\n  - ${step}\n`);
    const report = await runScenario(scenario, { runtime: createDeterministicRuntime(scenario.seed) });
    expect(report.steps[0]?.ok).toBe(false);
    expect(report.steps[0]?.lines.join("\n")).toContain(`refused: ${code}`);
  });

  it.each([
    ["an unknown quirk", "noSuchQuirk", { value: true }],
    ["a value that is not a boolean", "keepAliveProbe", { value: "yes" }],
  ])("answers 400 to a quirk change with %s", async (_name, quirk, body) => {
    const world = await worldAfter([]);
    const path = `/_synclab/entra/servicePrincipals/${world.app.job.servicePrincipalId}/quirks/${quirk}`;
    expect((await graphOf(world)("PUT", path, body)).status).toBe(400);
    expect(world.app.job.quirks.keepAliveProbe).toBe(true);
  });
});
