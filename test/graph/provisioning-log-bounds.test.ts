import { describe, expect, it } from "vitest";
import {
  createEntraApp,
  DROPPED_RECORDS_HEADER,
  ProvisioningLogRing,
  type ProvisioningLogRecord,
} from "../../emulator/entra/index.ts";
import { createGraphWorld, pluck } from "./graph-world.ts";

const onDemand = (objectId: string) => ({
  parameters: [{ subjects: [{ objectId, objectTypeName: "User" }] }],
});

function record(id: string, activityDateTime: string, displayName = id): ProvisioningLogRecord {
  const world = {
    id,
    activityDateTime,
    sourceIdentity: { id, displayName, identityType: "User", details: {} },
  };
  return world as unknown as ProvisioningLogRecord;
}

describe("bounded provisioning log", () => {
  it("keeps the newest records up to its count and counts the dropped ones", () => {
    const ring = new ProvisioningLogRing({ maxRecords: 3 });
    for (let index = 0; index < 5; index += 1)
      ring.push(record(`r${String(index)}`, `2026-01-01T00:00:0${String(index)}Z`));
    expect(ring.records.map((kept) => kept.id)).toEqual(["r2", "r3", "r4"]);
    expect(ring.dropped).toBe(2);
  });

  it("drops the oldest records past its byte bound", () => {
    const ring = new ProvisioningLogRing({ maxBytes: 1000 });
    for (let index = 0; index < 50; index += 1)
      ring.push(record(`r${String(index)}`, "2026-01-01T00:00:00Z"));
    expect(ring.bytes).toBeLessThanOrEqual(1000);
    expect(ring.dropped).toBe(50 - ring.records.length);
    expect(ring.records.at(-1)?.id).toBe("r49");
  });

  it("truncates long values with a marker", () => {
    const ring = new ProvisioningLogRing({ maxValueChars: 10 });
    ring.push(record("r", "2026-01-01T00:00:00Z", "x".repeat(5000)));
    expect(ring.records[0]?.sourceIdentity.displayName).toBe(`${"x".repeat(10)}…[truncated 4990 chars]`);
  });

  it("answers the log GET with the dropped count and short values after huge values", async () => {
    const world = createGraphWorld();
    const app = createEntraApp(world.tenant);
    await world.call("POST", `${world.jobPath}/provisionOnDemand`, onDemand("alice@contoso.com"));
    await world.call("POST", `${world.jobPath}/provisionOnDemand`, onDemand("bob@contoso.com"));
    const engine = world.app.engine;
    const first = engine.logs[0];
    if (first === undefined) throw new Error("expected a log record");
    const huge = { displayName: "zipcode", oldValue: null, newValue: "9".repeat(1_000_000) };
    const template = { ...first, modifiedProperties: [huge] };
    for (let index = 0; index < engine.log.limits.maxRecords; index += 1) engine.log.push(template);
    const response = await app.request("http://entra.synclab.test/v1.0/auditLogs/provisioning?$top=5");
    const text = await response.text();
    expect(response.headers.get(DROPPED_RECORDS_HEADER)).toBe("2");
    expect(text.length).toBeLessThan(100_000);
    expect(engine.logs).toHaveLength(engine.log.limits.maxRecords);
    expect(pluck((JSON.parse(text) as { value: unknown }).value, "id")).toHaveLength(5);
  });
});
