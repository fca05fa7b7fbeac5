import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ImmutaApp } from "../../emulator/immuta/index.ts";
import { createContractImmuta, fakeImmutaTarget } from "./fake-immuta-target.ts";
import { URNS, type Json } from "./scim-client.ts";
import type { ImmutaScimTarget } from "./scim-target.ts";

/** What the extension should hold: attribute name → the values Immuta should show, in order. */
type Model = Map<string, string[]>;
type Real = { immuta: ImmutaApp; target: ImmutaScimTarget; userId: string; userName: string };

const NAMES = ["zipcode", "department", "costCenter", "constructor", "toString"] as const;
const VALUES = ["1", "2", "98052", "Data, Digital & Technology", "NO"] as const;

async function send(real: Real, method: string, url: string, body?: unknown): Promise<Json> {
  const headers: Record<string, string> = url.includes("/bim/iam/")
    ? { authorization: real.target.immuta.apiKey }
    : { authorization: `Bearer ${real.target.token}`, "content-type": "application/scim+json" };
  const response = await real.immuta.fetch(
    new Request(url, { method, headers, body: body === undefined ? null : JSON.stringify(body) }),
  );
  expect(response.status, `${method} ${url}`).toBe(200);
  return response.json();
}

/** The values Immuta should derive from one stored extension attribute (strings and `{value}` objects). */
function valuesOf(stored: Json): string[] {
  const items: Json[] = Array.isArray(stored) ? stored : [stored];
  const strings = items.flatMap((item) => {
    const value = typeof item === "object" && item !== null ? item.value : item;
    return typeof value === "string" && value !== "" ? [value] : [];
  });
  return [...new Set(strings)];
}

/** One Entra-style PATCH of one custom attribute, and what it does to the model. */
type PatchStep = {
  operation: (schema: string) => unknown;
  update: (model: Model) => void;
  /** Reads like a log line when fast-check prints a counterexample. */
  label: string;
};

/** Sends the PATCH, then checks that the stored extension, the projection and the model agree. */
function patchCommand(step: PatchStep): fc.AsyncCommand<Model, Real> {
  return {
    check: () => true,
    toString: () => step.label,
    async run(model, real) {
      const { scimSchema, prefix, iamId, apiBaseUrl } = real.target.immuta;
      await send(real, "PATCH", `${real.target.baseUrl}/Users/${real.userId}`, {
        schemas: [URNS.patchOp],
        Operations: [step.operation(scimSchema)],
      });
      step.update(model);
      const user = await send(real, "GET", `${real.target.baseUrl}/Users/${real.userId}`);
      const stored: Json = user[scimSchema] ?? {};
      const immuta = await send(
        real,
        "GET",
        `${apiBaseUrl}/bim/iam/${iamId}/user/${encodeURIComponent(real.userName)}`,
      );
      const fromStored = Object.fromEntries(
        Object.keys(stored)
          .map((name) => [`${prefix}.${name}`, valuesOf(stored[name])] as const)
          .filter(([, values]) => values.length > 0),
      );
      const fromModel = Object.fromEntries(
        [...model]
          .filter(([, values]) => values.length > 0)
          .map(([name, values]) => [`${prefix}.${name}`, values]),
      );
      expect(immuta.iamAuthorizations).toEqual(fromStored);
      expect(immuta.iamAuthorizations).toEqual(fromModel);
      expect(immuta.bimAuthorizations).toEqual({});
    },
  };
}

const setSingle = (name: string, value: string) => (model: Model) =>
  void model.set(name, value === "" ? [] : [value]);

const legacyReplace = (name: string, value: string) =>
  patchCommand({
    operation: (schema) => ({ op: "Replace", path: `${schema}:${name}`, value }),
    update: setSingle(name, value),
    label: `Replace ${name} = ${JSON.stringify(value)}`,
  });

const flagPathlessReplace = (name: string, value: string) =>
  patchCommand({
    operation: (schema) => ({ op: "replace", value: { [`${schema}:${name}`]: value } }),
    update: setSingle(name, value),
    label: `replace (no path) {${name}: ${JSON.stringify(value)}}`,
  });

/** Entra's multi-valued custom attribute: `Add` with `[{"value": ...}]`, appended (multiValueAdd: append). */
const multiValuedAdd = (name: string, values: string[]) =>
  patchCommand({
    operation: (schema) => ({
      op: "Add",
      path: `${schema}:${name}`,
      value: values.map((value) => ({ value })),
    }),
    update: (model) => void model.set(name, [...new Set([...(model.get(name) ?? []), ...values])]),
    label: `Add ${name} += [${values.map((value) => JSON.stringify(value)).join(", ")}]`,
  });

const remove = (name: string) =>
  patchCommand({
    operation: (schema) => ({ op: "Remove", path: `${schema}:${name}` }),
    update: (model) => void model.delete(name),
    label: `Remove ${name}`,
  });

const name = fc.constantFrom(...NAMES);
const value = fc.oneof(fc.constantFrom(...VALUES), fc.constant(""));
const commands = fc.commands(
  [
    fc.tuple(name, value).map(([n, v]) => legacyReplace(n, v)),
    fc.tuple(name, value).map(([n, v]) => flagPathlessReplace(n, v)),
    fc
      .tuple(name, fc.array(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 3 }))
      .map(([n, vs]) => multiValuedAdd(n, vs)),
    name.map((n) => remove(n)),
  ],
  { maxCommands: 12 },
);

describe("custom extension attributes under Entra PATCH sequences", () => {
  it("keep the stored extension, the projected iamAuthorizations and the model in agreement", async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (sequence) => {
        const immuta = createContractImmuta();
        const target = fakeImmutaTarget(immuta, "http://immuta.synclab.test", immuta.fetch);
        const userName = `property-${crypto.randomUUID()}@contract.example`;
        const response = await immuta.fetch(
          new Request(`${target.baseUrl}/Users`, {
            method: "POST",
            headers: { authorization: `Bearer ${target.token}`, "content-type": "application/scim+json" },
            body: JSON.stringify({ schemas: [URNS.user], userName }),
          }),
        );
        const created: Json = await response.json();
        const real: Real = { immuta, target, userId: String(created.id), userName };
        await fc.asyncModelRun(() => ({ model: new Map(), real }), sequence);
      }),
    );
  });
});
