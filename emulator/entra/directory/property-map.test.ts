import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../scim/index.ts";
import { KeyOrders, PropertyMap } from "./property-map.ts";

type Operation =
  { kind: "set"; key: string; value: JsonValue } | { kind: "delete"; key: string } | { kind: "clear" };

const key = fc.constantFrom("displayName", "mail", "city", "__proto__", "constructor", "Mail", "", "a b");
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("set" as const),
      key,
      value: fc.jsonValue({ maxDepth: 1 }).map((value) => value as JsonValue),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), key }) },
  { weight: 1, arbitrary: fc.constant({ kind: "clear" as const }) },
);

/** One operation on a map (the model or the PropertyMap), answering what the map's method answers. */
function applyOperation(map: Map<string, JsonValue>, op: Operation): unknown {
  if (op.kind === "set") return map.set(op.key, op.value);
  if (op.kind === "delete") return map.delete(op.key);
  map.clear();
  return undefined;
}

/** Everything a reader can see of a map, in order. */
function observe(map: Map<string, JsonValue>, probes: readonly string[]) {
  const seen: unknown[] = [];
  map.forEach((value, name) => seen.push([name, value]));
  return {
    size: map.size,
    entries: [...map],
    keys: [...map.keys()],
    values: [...map.values()],
    forEach: seen,
    lookups: probes.map((name) => [map.has(name), map.get(name)]),
  };
}

describe("PropertyMap", () => {
  it("reads as a Map after any sequence of sets, deletes and clears, for users sharing orders", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(operation, { maxLength: 20 }), { minLength: 1, maxLength: 4 }),
        (users) => {
          // One table for all the users, kept small so that orders past its limit are exercised too.
          const orders = new KeyOrders(6);
          const probes = [
            "displayName",
            "mail",
            "city",
            "__proto__",
            "constructor",
            "Mail",
            "",
            "a b",
            "none",
          ];
          for (const operations of users) {
            const model = new Map<string, JsonValue>();
            const map = new PropertyMap(orders);
            for (const op of operations) {
              const expected = applyOperation(model, op);
              const actual = applyOperation(map, op);
              expect(actual === map ? model : actual).toStrictEqual(expected);
              expect(observe(map, probes)).toStrictEqual(observe(model, probes));
            }
            expect(JSON.stringify(map)).toBe(JSON.stringify([...model]));
            expect(observe(new PropertyMap(orders, map), probes)).toStrictEqual(
              observe(new Map(model), probes),
            );
          }
        },
      ),
    );
  });

  it("shares one name list between users whose properties were set in the same order", () => {
    const orders = new KeyOrders();
    const first = new PropertyMap(orders, [
      ["a", 1],
      ["b", 2],
    ]);
    const second = new PropertyMap(orders, [
      ["a", 3],
      ["b", 4],
    ]);
    expect(first.keys().next()).toStrictEqual({ value: "a", done: false });
    expect([...second.keys()]).toStrictEqual(["a", "b"]);
    expect(orders.of(["a", "b"])).toBe(orders.of(["a", "b"]));
  });
});
