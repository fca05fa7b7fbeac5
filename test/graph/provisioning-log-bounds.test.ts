import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createEntraApp,
  DROPPED_RECORDS_HEADER,
  ProvisioningLogRing,
  type LogRingLimits,
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

/** The ring's rule applied at every push, the plain way: shorten, size, drop the oldest past either bound. */
class EagerRing {
  records: ProvisioningLogRecord[] = [];
  sizes: number[] = [];
  dropped = 0;
  readonly limits: LogRingLimits;
  constructor(limits: LogRingLimits) {
    this.limits = limits;
  }
  get bytes(): number {
    return this.sizes.reduce((sum, size) => sum + size, 0);
  }
  push(record: ProvisioningLogRecord): void {
    const { maxValueChars } = this.limits;
    const kept = JSON.parse(
      JSON.stringify(record, (_, value: unknown) =>
        typeof value === "string" && value.length > maxValueChars ? shorten(value, maxValueChars) : value,
      ),
    ) as ProvisioningLogRecord;
    this.records.push(kept);
    this.sizes.push(Buffer.byteLength(JSON.stringify(kept)));
    while (
      this.records.length > 0 &&
      (this.records.length > this.limits.maxRecords || this.bytes > this.limits.maxBytes)
    ) {
      this.records.shift();
      this.sizes.shift();
      this.dropped += 1;
    }
  }
}

function shorten(value: string, maxChars: number): string {
  return `${value.slice(0, maxChars)}…[truncated ${String(value.length - maxChars)} chars]`;
}

describe("bounded provisioning log", () => {
  it("keeps what the plain rule keeps, for any pushes, reads and clears", () => {
    // Records here are 130 to 200 bytes: a bound of a few of them, reads between pushes, and times
    // that often go back reach every case of dropping and ordering within a hundred runs.
    const step = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({ push: fc.string({ maxLength: 40 }), second: fc.integer({ min: 0, max: 2 }) }),
      },
      { weight: 2, arbitrary: fc.constant("read" as const) },
      { weight: 1, arbitrary: fc.constant("clear" as const) },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 100, max: 800 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(step, { maxLength: 40 }),
        (maxRecords, maxBytes, maxValueChars, steps) => {
          const limits = { maxRecords, maxBytes, maxValueChars };
          const ring = new ProvisioningLogRing(limits);
          let model = new EagerRing(limits);
          let droppedBefore = 0;
          steps.forEach((item, index) => {
            if (item === "clear") {
              ring.clear();
              droppedBefore += model.dropped;
              model = new EagerRing(limits);
            } else if (item !== "read") {
              const at = `2026-01-01T00:00:0${String(item.second)}Z`;
              const pushed = record(`r${String(index)}`, at, item.push);
              ring.push(pushed);
              model.push(pushed);
            }
            if (item === "read" || index === steps.length - 1) {
              expect(ring.records).toEqual(model.records);
              expect(ring.dropped).toBe(droppedBefore + model.dropped);
              expect(ring.bytes).toBe(model.bytes);
              const ordered = model.records.every(
                (kept, at) =>
                  at === 0 || (model.records[at - 1]?.activityDateTime ?? "") <= kept.activityDateTime,
              );
              // Kept on every push without a scan, it may say no after the record out of order is gone.
              if (ring.inTimeOrder) expect(ordered).toBe(true);
            }
          });
        },
      ),
    );
  });

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

  it("knows whether its records are in time order without a scan, and forgets it when cleared", () => {
    const ring = new ProvisioningLogRing();
    ring.push(record("a", "2026-01-01T00:00:01Z"));
    ring.push(record("b", "2026-01-01T00:00:01Z"));
    expect(ring.inTimeOrder).toBe(true);
    ring.push(record("c", "2026-01-01T00:00:00Z"));
    expect(ring.inTimeOrder).toBe(false);
    ring.clear();
    expect(ring.inTimeOrder).toBe(true);
  });

  it.each([
    ["in time order", ["01", "02", "03", "04"], "$top=2", ["r3", "r2"], true],
    ["after the clock went back", ["01", "04", "02", "03"], "$top=2", ["r1", "r3"], true],
    ["the last page", ["01", "02", "03", "04"], "$top=2&$skiptoken=2", ["r1", "r0"], false],
    ["filtered", ["01", "02", "03", "04"], "$top=1&$filter=id eq 'r1'", ["r1"], false],
  ])("pages the log newest first %s", async (_, seconds, query, ids, more) => {
    const world = createGraphWorld();
    const app = createEntraApp(world.tenant);
    seconds.forEach((second, index) =>
      world.app.engine.log.push(record(`r${String(index)}`, `2026-01-01T00:00:${second}Z`)),
    );
    const response = await app.request(`http://entra.synclab.test/v1.0/auditLogs/provisioning?${query}`);
    const body = (await response.json()) as { value: unknown; "@odata.nextLink"?: string };
    expect(pluck(body.value, "id")).toEqual(ids);
    expect(body["@odata.nextLink"] !== undefined).toBe(more);
  });
});
