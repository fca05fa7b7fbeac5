import { describe, expect, it } from "vitest";
import type { JsonValue } from "../json.ts";
import { ScimError } from "../scim-error.ts";
import { URN } from "../urns.ts";
import { MAX_PATCH_OPERATIONS, parsePatchRequest } from "./parse-patch-request.ts";

const body = (...operations: JsonValue[]): JsonValue => ({ schemas: [URN.patchOp], Operations: operations });

function errorOf(input: unknown): ScimError {
  try {
    parsePatchRequest(input);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error("parsePatchRequest accepted the body");
}

describe("parsePatchRequest", () => {
  it.each([["add"], ["Add"], ["ADD"], ["replace"], ["Replace"], ["rEpLaCe"]])(
    "reads op %s in any case",
    (op) => {
      const [operation] = parsePatchRequest(body({ op, path: "nickName", value: "Babs" }));
      expect(operation).toEqual({
        op: op.toLowerCase(),
        path: { attr: { uri: null, name: "nickName", subAttr: null }, filter: null, subAttr: null },
        value: "Babs",
      });
    },
  );

  it("reads a path-less replace with an object value (Entra flag dialect)", () => {
    const value = {
      displayName: "Bjfe",
      "name.givenName": "Kkom",
      [`${URN.enterpriseUser}:employeeNumber`]: "Aklq",
    };
    expect(parsePatchRequest(body({ op: "replace", value }))).toEqual([{ op: "replace", path: null, value }]);
  });

  it("treats a null path as no path", () => {
    expect(parsePatchRequest(body({ op: "add", path: null, value: { nickName: "B" } }))[0]?.path).toBeNull();
  });

  it("keeps the value of a legacy Remove (Entra's legacy member removal)", () => {
    const [operation] = parsePatchRequest(
      body({ op: "Remove", path: "members", value: [{ $ref: null, value: "u1" }] }),
    );
    expect(operation).toMatchObject({ op: "remove", value: [{ $ref: null, value: "u1" }] });
  });

  it("reads a remove with a value filter and no value", () => {
    const [operation] = parsePatchRequest(body({ op: "remove", path: 'members[value eq "7f4bc1a3"]' }));
    expect(operation).toMatchObject({ op: "remove", value: undefined, path: { subAttr: null } });
    expect(operation?.path?.filter).toMatchObject({ kind: "compare", op: "eq", value: "7f4bc1a3" });
  });

  it("matches member names case-insensitively and keeps the order of operations", () => {
    const operations = parsePatchRequest({
      Schemas: [URN.patchOp.toUpperCase()],
      operations: [
        { OP: "add", PATH: "title", VALUE: "a" },
        { Op: "remove", Path: "title" },
      ],
    });
    expect(operations.map((operation) => operation.op)).toEqual(["add", "remove"]);
  });

  it("accepts a null value on add as an explicit clear", () => {
    expect(parsePatchRequest(body({ op: "replace", path: "title", value: null }))[0]?.value).toBeNull();
  });

  it.each<[string, unknown, string]>([
    ["null", null, "invalidSyntax"],
    ["an array", [], "invalidSyntax"],
    ["a string", "add", "invalidSyntax"],
    ["no schemas", { Operations: [{ op: "add", path: "title", value: "x" }] }, "invalidSyntax"],
    [
      "a wrong schema",
      { schemas: [URN.user], Operations: [{ op: "add", path: "title", value: "x" }] },
      "invalidSyntax",
    ],
    [
      "schemas as a string",
      { schemas: URN.patchOp, Operations: [{ op: "add", path: "title", value: "x" }] },
      "invalidSyntax",
    ],
    ["no Operations", { schemas: [URN.patchOp] }, "invalidSyntax"],
    ["Operations as an object", { schemas: [URN.patchOp], Operations: { op: "add" } }, "invalidSyntax"],
    ["empty Operations", body(), "invalidSyntax"],
    ["an operation that is not an object", body("add"), "invalidSyntax"],
    ["an unknown op", body({ op: "copy", path: "title", value: "x" }), "invalidSyntax"],
    ["a missing op", body({ path: "title", value: "x" }), "invalidSyntax"],
    ["a numeric op", body({ op: 1, path: "title", value: "x" }), "invalidSyntax"],
    ["a remove without path", body({ op: "Remove", value: [{ value: "u1" }] }), "noTarget"],
    ["an add without value", body({ op: "add", path: "title" }), "invalidValue"],
    ["a replace without value", body({ op: "Replace" }), "invalidValue"],
    ["a numeric path", body({ op: "add", path: 5, value: "x" }), "invalidPath"],
    ["an empty path", body({ op: "add", path: "", value: "x" }), "invalidPath"],
    ["a __proto__ path", body({ op: "add", path: "__proto__", value: {} }), "invalidPath"],
    ["an unterminated filter", body({ op: "remove", path: 'emails[type eq "work"' }), "invalidPath"],
    [
      "a deeply nested value",
      body({ op: "add", path: "title", value: JSON.parse("[".repeat(50) + "]".repeat(50)) }),
      "invalidValue",
    ],
  ])("rejects %s with 400 %s", (_name, input, scimType) => {
    const error = errorOf(input);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
  });

  it("rejects more than the maximum number of operations", () => {
    const operations = Array.from({ length: MAX_PATCH_OPERATIONS + 1 }, () => ({
      op: "add",
      path: "title",
      value: "x",
    }));
    expect(errorOf(body(...operations)).scimType).toBe("invalidSyntax");
    expect(parsePatchRequest(body(...operations.slice(1)))).toHaveLength(MAX_PATCH_OPERATIONS);
  });

  it("names the failing operation in the detail", () => {
    const error = errorOf(
      body({ op: "add", path: "title", value: "x" }, { op: "move", path: "title", value: "x" }),
    );
    expect(error.message).toContain("Operations[1]");
  });

  it("survives a value nested far beyond the stack limit", () => {
    const deep = JSON.parse("[".repeat(100_000) + "]".repeat(100_000)) as JsonValue;
    expect(errorOf(body({ op: "add", path: "title", value: deep })).scimType).toBe("invalidValue");
  });
});
