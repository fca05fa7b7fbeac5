import { beforeAll, describe, expect, it } from "../harness/case-api.ts";
import {
  createScimClient,
  entraUserBody,
  uniqueUserName,
  URNS,
  type Json,
  type ScimAnswer,
} from "./scim-client.ts";
import type { ScimTarget } from "./scim-target.ts";

/** An RFC 7644 §3.12 error: SCIM content type, Error schema, `status` as a string equal to the HTTP status. */
function expectScimError(answer: ScimAnswer, status: number, scimType?: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get("content-type")).toMatch(/^application\/scim\+json/);
  expect(answer.body).toMatchObject({ schemas: [URNS.error], status: String(status) });
  if (scimType !== undefined) expect(answer.body.scimType).toBe(scimType);
}

const DEEP = `{"schemas": ["${URNS.user}"], "userName": "${uniqueUserName("deep")}", "x": ${"[".repeat(5000)}${"]".repeat(5000)}}`;

/**
 * Bad input of every kind gets a SCIM error with the right status and scimType: never a 5xx, never
 * a crash, nothing stored half-way, and no attribute name ever reaches an object prototype.
 */
export function describeErrorsContract(target: () => ScimTarget): void {
  describe("SCIM errors and hostile input", () => {
    const scim = createScimClient(target);
    let user: Json;
    beforeAll(async () => {
      user = await scim.create("/Users", entraUserBody(uniqueUserName("errors")));
    });

    it.each([
      ["no Authorization header", null],
      ["a wrong token", "not-the-token"],
    ] as const)("answers 401 to a request with %s and stores nothing", async (_, token) => {
      const userName = uniqueUserName("unauthorized");
      const read = await scim.get("/Users", { token });
      expect(read.status).toBe(401);
      const write = await scim.post("/Users", entraUserBody(userName), { token });
      expect(write.status).toBe(401);
      const listed = await scim.list("/Users", { filter: `userName eq "${userName}"` });
      expect(listed.body.totalResults).toBe(0);
    });

    it("answers 401 to a token sent with another scheme", async () => {
      const answer = await scim.get("/Users", {
        token: null,
        headers: { authorization: `Basic ${btoa("a:b")}` },
      });
      expect(answer.status).toBe(401);
    });

    it.each([
      ["malformed JSON", "{", "invalidSyntax"],
      ["JSON that is not an object", "[]", "invalidSyntax"],
      ["JSON null", "null", "invalidSyntax"],
      ["an empty body", "", "invalidSyntax"],
      ["an attribute nested 5000 levels deep", DEEP, undefined],
    ])("answers 400 to a POST of %s", async (_, raw, scimType) => {
      expectScimError(await scim.send("POST", "/Users", { raw }), 400, scimType);
    });

    it("answers 415 to a body that is not JSON", async () => {
      const answer = await scim.send("POST", "/Users", {
        raw: "userName=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expectScimError(answer, 415);
    });

    it("answers 413 to a body over the size limit", async () => {
      const body = entraUserBody(uniqueUserName("huge"), { displayName: "x".repeat(4 * 1024 * 1024) });
      const answer = await scim.post("/Users", body);
      if (answer.status === 201) scim.remember(`/Users/${String(answer.body.id)}`);
      expectScimError(answer, 413);
    });

    it.each([
      ["an unknown resource type", "/Widgets"],
      ["a path below a user", "/Users/x/y"],
    ])("answers 404 to %s", async (_, path) => {
      expectScimError(await scim.get(path), 404);
    });

    it.each([
      ["PUT", { schemas: [URNS.user], userName: "nobody@contract.example" }],
      [
        "PATCH",
        { schemas: [URNS.patchOp], Operations: [{ op: "replace", path: "displayName", value: "x" }] },
      ],
      ["DELETE", undefined],
    ])("answers 404 to %s of an unknown user", async (method, body) => {
      expectScimError(await scim.send(method, `/Users/${crypto.randomUUID()}`, { body }), 404);
    });

    it.each([
      ["userName that is a number", { userName: 5 }, "invalidValue"],
      ["no userName", { userName: undefined }, "invalidValue"],
      ["active that is not a boolean", { active: "maybe" }, "invalidValue"],
      ["name that is a string", { name: "Ada" }, "invalidValue"],
      ["schemas without the core User schema", { schemas: [URNS.group] }, "invalidValue"],
      ["an attribute name that is not an ATTRNAME", { "bad name!": "x" }, "invalidValue"],
    ])("answers 400 to a POST with %s", async (_, extra, scimType) => {
      const body: Record<string, unknown> = { ...entraUserBody(uniqueUserName("typed")), ...extra };
      const answer = await scim.post("/Users", body);
      if (answer.status === 201) scim.remember(`/Users/${String(answer.body.id)}`);
      expectScimError(answer, 400, scimType);
    });

    it.each([
      ["no Operations", { schemas: [URNS.patchOp] }, "invalidSyntax"],
      [
        "no PatchOp schema",
        { Operations: [{ op: "replace", path: "displayName", value: "x" }] },
        "invalidSyntax",
      ],
      [
        "an unknown op",
        { schemas: [URNS.patchOp], Operations: [{ op: "move", path: "displayName", value: "x" }] },
        "invalidSyntax",
      ],
      [
        "an unparsable path",
        { schemas: [URNS.patchOp], Operations: [{ op: "replace", path: "emails[type eq", value: "x" }] },
        "invalidPath",
      ],
      [
        "a path that is not a string",
        { schemas: [URNS.patchOp], Operations: [{ op: "replace", path: 5, value: "x" }] },
        "invalidPath",
      ],
      ["remove without a path", { schemas: [URNS.patchOp], Operations: [{ op: "remove" }] }, "noTarget"],
      [
        "replace of a readOnly attribute",
        { schemas: [URNS.patchOp], Operations: [{ op: "replace", path: "id", value: "x" }] },
        "mutability",
      ],
      [
        "a value of the wrong type",
        { schemas: [URNS.patchOp], Operations: [{ op: "replace", path: "active", value: 7 }] },
        "invalidValue",
      ],
    ])("answers 400 to a PATCH with %s", async (_, body, scimType) => {
      expectScimError(await scim.send("PATCH", `/Users/${user.id}`, { body }), 400, scimType);
    });

    it("applies nothing of a PATCH whose later operation fails", async () => {
      const before = (await scim.get(`/Users/${user.id}`)).body;
      const answer = await scim.patch(`/Users/${user.id}`, [
        { op: "replace", path: "displayName", value: "Half-way" },
        { op: "replace", path: "active", value: 7 },
      ]);
      expectScimError(answer, 400);
      const after = (await scim.get(`/Users/${user.id}`)).body;
      expect(after.displayName).toBe(before.displayName);
      expect(after.meta.version).toBe(before.meta.version);
    });

    it("answers 400 to a PATCH of a user's userName to an empty string, and keeps the user", async () => {
      expectScimError(
        await scim.patch(`/Users/${user.id}`, [{ op: "replace", path: "userName", value: "" }]),
        400,
      );
      expect((await scim.get(`/Users/${user.id}`)).body.userName).toBe(user.userName);
    });

    describe("attribute names that are Object.prototype members", () => {
      const NAMES = ["constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf"];
      const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      const isClean = () => {
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
        expect(({} as Json).polluted).toBeUndefined();
      };

      it("round-trips extension attributes named like Object.prototype members", async () => {
        const attributes = Object.fromEntries(NAMES.map((name) => [name, `value-of-${name}`]));
        const created = await scim.create(
          "/Users",
          entraUserBody(uniqueUserName("proto"), { [scim.extension()]: attributes }),
        );
        expect((await scim.get(`/Users/${created.id}`)).body[scim.extension()]).toEqual(attributes);
        isClean();
      });

      it.each(NAMES)("round-trips a PATCH Add of the extension attribute %s", async (name) => {
        const created = await scim.create("/Users", entraUserBody(uniqueUserName("proto")));
        const answer = await scim.patch(`/Users/${created.id}`, [
          { op: "Add", path: `${scim.extension()}:${name}`, value: "patched" },
        ]);
        expect(answer.status).toBe(200);
        expect((await scim.get(`/Users/${created.id}`)).body[scim.extension()]).toEqual({
          [name]: "patched",
        });
        isClean();
      });

      it.each([
        ["a top-level __proto__", '"__proto__": {"polluted": "yes"}'],
        ["an extension __proto__", `"${"EXT"}": {"__proto__": {"polluted": "yes"}}`],
        ["a nested __proto__", '"name": {"__proto__": {"polluted": "yes"}, "givenName": "A"}'],
      ])("keeps %s off every prototype: stored as data or rejected with 400", async (_, member) => {
        const userName = uniqueUserName("proto");
        const raw = `{"schemas": ["${URNS.user}"], "userName": "${userName}", ${member.replace("EXT", scim.extension())}}`;
        const answer = await scim.send("POST", "/Users", { raw });
        if (answer.status === 201) {
          scim.remember(`/Users/${String(answer.body.id)}`);
          expect(answer.body.polluted).toBeUndefined();
        } else {
          expectScimError(answer, 400);
        }
        isClean();
      });

      it("keeps a path-less PATCH value with a __proto__ key off every prototype", async () => {
        const raw = `{"schemas": ["${URNS.patchOp}"], "Operations": [{"op": "replace", "value": {"__proto__": {"polluted": "yes"}}}]}`;
        const answer = await scim.send("PATCH", `/Users/${user.id}`, { raw });
        expect(answer.status).toBeLessThan(500);
        if (answer.status !== 200) expectScimError(answer, 400);
        isClean();
      });
    });
  });
}
