import { beforeAll, describe, expect, it } from "../harness/case-api.ts";
import {
  createScimClient,
  entraUserBody,
  idsOf,
  uniquePrefix,
  uniqueUserName,
  URNS,
  type Json,
} from "./scim-client.ts";
import type { ScimTarget } from "./scim-target.ts";

/**
 * /Users as RFC 7644 §3 and Entra
 * (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups) need
 * it: create, read, list with filters
 * and paging, attribute selection, replace, conditional writes, delete. Only behaviour a real
 * SCIM endpoint can be expected to have; every user it makes has a fresh userName and is deleted.
 */
export function describeUsersContract(target: () => ScimTarget): void {
  describe("SCIM /Users", () => {
    const scim = createScimClient(target);

    describe("create and read", () => {
      it("answers 201 with the created user, its id, meta and Location", async () => {
        const userName = uniqueUserName();
        const answer = await scim.post("/Users", entraUserBody(userName));
        scim.remember(`/Users/${String(answer.body?.id)}`);
        expect(answer.status).toBe(201);
        expect(answer.headers.get("content-type")).toMatch(/^application\/scim\+json/);
        expect(answer.body).toMatchObject({ userName, active: true, meta: { resourceType: "User" } });
        expect(answer.body.schemas).toContain(URNS.user);
        expect(typeof answer.body.id).toBe("string");
        expect(Date.parse(answer.body.meta.created)).not.toBeNaN();
        expect(Date.parse(answer.body.meta.lastModified)).not.toBeNaN();
        expect(answer.body.meta.location).toMatch(new RegExp(`/Users/${answer.body.id}$`));
        expect(answer.headers.get("location")).toBe(answer.body.meta.location);
      });

      it("returns the stored user on GET /Users/{id}, complex and enterprise attributes included", async () => {
        const userName = uniqueUserName();
        const created = await scim.create(
          "/Users",
          entraUserBody(userName, { [URNS.enterprise]: { department: "R&D", employeeNumber: "42" } }),
        );
        const answer = await scim.get(`/Users/${created.id}`);
        expect(answer.status).toBe(200);
        expect(answer.headers.get("content-type")).toMatch(/^application\/scim\+json/);
        expect(answer.body).toMatchObject({
          id: created.id,
          userName,
          name: { givenName: "Contract", familyName: "User" },
          emails: [{ type: "work", value: userName, primary: true }],
          [URNS.enterprise]: { department: "R&D", employeeNumber: "42" },
        });
      });

      it("keeps an extension attribute Entra sends under a custom URN", async () => {
        const created = await scim.create(
          "/Users",
          entraUserBody(uniqueUserName(), { [scim.extension()]: { zipcode: "98052" } }),
        );
        const answer = await scim.get(`/Users/${created.id}`);
        expect(answer.body[scim.extension()]).toEqual({ zipcode: "98052" });
      });

      it("neither stores nor echoes a `schemas` key sent inside an extension object", async () => {
        const created = await scim.create(
          "/Users",
          entraUserBody(uniqueUserName(), {
            [scim.extension()]: { schemas: [scim.extension()], zipcode: "98052" },
          }),
        );
        const answer = await scim.get(`/Users/${created.id}`);
        expect(answer.body[scim.extension()]).toEqual({ zipcode: "98052" });
      });

      it("ignores or rejects a top-level attribute /Schemas does not define (RFC 7644 §3.3, §3.12)", async () => {
        const answer = await scim.post("/Users", entraUserBody(uniqueUserName(), { adreses: "misspelt" }));
        if (answer.status === 201) scim.remember(`/Users/${String(answer.body.id)}`);
        if (answer.status === 400)
          return expect(answer.body).toMatchObject({ status: "400", scimType: "invalidSyntax" });
        expect(answer.status).toBe(201);
        expect((await scim.get(`/Users/${String(answer.body.id)}`)).body).not.toHaveProperty("adreses");
      });

      it("answers 404 with a SCIM error for an unknown id", async () => {
        const answer = await scim.get(`/Users/${crypto.randomUUID()}`);
        expect(answer.status).toBe(404);
        expect(answer.body).toMatchObject({ schemas: [URNS.error], status: "404" });
      });

      it.each([
        ["the same userName", (name: string) => name],
        ["the userName in another case", (name: string) => name.toUpperCase()],
      ])("answers 409 uniqueness for %s", async (_, variant) => {
        const userName = uniqueUserName();
        await scim.create("/Users", entraUserBody(userName));
        const answer = await scim.post("/Users", entraUserBody(variant(userName)));
        if (answer.status === 201) scim.remember(`/Users/${String(answer.body.id)}`);
        expect(answer.status).toBe(409);
        expect(answer.body).toMatchObject({ status: "409", scimType: "uniqueness" });
      });
    });

    describe("filter", () => {
      const prefix = uniquePrefix("filter");
      const users: Record<string, Json> = {};
      beforeAll(async () => {
        const bodies: Record<string, Record<string, unknown>> = {
          alice: entraUserBody(`${prefix}alice@contoso.example`, {
            title: "Engineer",
            name: { givenName: "Alice", familyName: "Smith" },
            [URNS.enterprise]: { department: "Retail" },
          }),
          bob: entraUserBody(`${prefix}bob@fabrikam.example`, {
            active: false,
            name: { givenName: "Bob", familyName: "Jones" },
            emails: [
              { type: "work", value: `${prefix}bob@fabrikam.example`, primary: true },
              { type: "home", value: "bob@home.example" },
            ],
          }),
          carol: entraUserBody(`${prefix}carol@contoso.example`, {
            title: "Manager",
            name: { givenName: "Carol", familyName: "Smythe" },
            [URNS.enterprise]: { department: "R&D" },
          }),
        };
        for (const [key, body] of Object.entries(bodies)) users[key] = await scim.create("/Users", body);
      });

      const within = (filter: string) => `(${filter}) and userName sw "${prefix}"`;

      it("answers Entra's Test Connection probe with 200 and an empty ListResponse", async () => {
        const answer = await scim.list("/Users", { filter: `userName eq "${crypto.randomUUID()}"` });
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ schemas: [URNS.listResponse], totalResults: 0 });
        expect(answer.body.Resources ?? []).toEqual([]);
      });

      it.each([
        ["userName eq", (p: string) => `userName eq "${p}alice@contoso.example"`, ["alice"]],
        [
          "userName eq in another case",
          (p: string) => `userName eq "${p.toUpperCase()}ALICE@CONTOSO.EXAMPLE"`,
          ["alice"],
        ],
        [
          "an attribute name in another case",
          (p: string) => `USERNAME Eq "${p}alice@contoso.example"`,
          ["alice"],
        ],
        [
          "the core-URN-qualified name",
          (p: string) => `${URNS.user}:userName eq "${p}bob@fabrikam.example"`,
          ["bob"],
        ],
        [
          "userName eq and another clause",
          (p: string) => `userName eq "${p}bob@fabrikam.example" and active eq false`,
          ["bob"],
        ],
        [
          "userName eq and a clause that fails",
          (p: string) => `userName eq "${p}bob@fabrikam.example" and active eq true`,
          [],
        ],
        ["externalId eq", (p: string) => `externalId eq "${p}carol"`, ["carol"]],
        ["sw", (p: string) => within(`userName sw "${p}"`), ["alice", "bob", "carol"]],
        ["ew", () => within(`userName ew "@contoso.example"`), ["alice", "carol"]],
        ["co", () => within(`userName co "fabrikam"`), ["bob"]],
        ["ne", () => within(`title ne "Engineer"`), ["bob", "carol"]],
        ["pr", () => within("title pr"), ["alice", "carol"]],
        ["not", () => within("not (title pr)"), ["bob"]],
        ["or with grouping", () => within(`(title eq "Manager" or active eq false)`), ["bob", "carol"]],
        ["a boolean", () => within("active eq false"), ["bob"]],
        ["a sub-attribute", () => within(`name.familyName sw "Sm"`), ["alice", "carol"]],
        ["gt on strings", () => within(`name.givenName gt "Bob"`), ["carol"]],
        ["a value path", () => within(`emails[type eq "home" and value co "@home"]`), ["bob"]],
        [
          "a sub-attribute of a multi-valued attribute",
          () => within(`emails.value ew "@home.example"`),
          ["bob"],
        ],
        [
          "an enterprise extension attribute",
          () => within(`${URNS.enterprise}:department eq "R&D"`),
          ["carol"],
        ],
        [
          "meta.lastModified",
          () => within(`meta.lastModified gt "2000-01-01T00:00:00Z"`),
          ["alice", "bob", "carol"],
        ],
        ["meta.resourceType", () => within(`meta.resourceType eq "User"`), ["alice", "bob", "carol"]],
      ] as const)("selects users by %s", async (_, filter, expected) => {
        const answer = await scim.list("/Users", { filter: filter(prefix) });
        expect(answer.status).toBe(200);
        expect(idsOf(answer)).toEqual(expected.map((key) => String(users[key].id)).sort());
        expect(answer.body.totalResults).toBe(expected.length);
      });

      it("selects a user by id", async () => {
        const answer = await scim.list("/Users", { filter: `id eq "${users.alice.id}"` });
        expect(idsOf(answer)).toEqual([users.alice.id]);
      });

      it("returns inactive users too (Entra reads them back, per Microsoft's SCIM endpoint tutorial)", async () => {
        const answer = await scim.get(`/Users/${users.bob.id}`);
        expect(answer.body.active).toBe(false);
      });

      it.each([
        ["a missing value", "userName eq"],
        ["an unknown operator", 'userName xx "a"'],
        ["an unclosed group", '(userName eq "a"'],
        ["a dangling and", 'userName eq "a" and'],
        ["an unclosed value path", 'emails[type eq "work"'],
        ["a single-quoted string", "userName eq 'a'"],
      ])("answers 400 invalidFilter for %s", async (_, filter) => {
        const answer = await scim.list("/Users", { filter });
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({
          schemas: [URNS.error],
          status: "400",
          scimType: "invalidFilter",
        });
      });
    });

    describe("paging (RFC 7644 §3.4.2.4)", () => {
      const prefix = uniquePrefix("page");
      const ids: string[] = [];
      beforeAll(async () => {
        for (let index = 0; index < 5; index += 1) {
          const user = await scim.create("/Users", entraUserBody(`${prefix}${index}@contract.example`));
          ids.push(String(user.id));
        }
      });
      const filter = () => `userName sw "${prefix}"`;

      it("pages with startIndex and count and the pages cover every match once", async () => {
        const seen: string[] = [];
        for (const startIndex of [1, 3, 5]) {
          const answer = await scim.list("/Users", {
            filter: filter(),
            startIndex: String(startIndex),
            count: "2",
          });
          expect(answer.status).toBe(200);
          expect(answer.body).toMatchObject({
            totalResults: 5,
            startIndex,
            itemsPerPage: startIndex === 5 ? 1 : 2,
          });
          seen.push(...idsOf(answer));
        }
        expect(seen.sort()).toEqual([...ids].sort());
      });

      it("answers count=0 with totalResults and no resources", async () => {
        const answer = await scim.list("/Users", { filter: filter(), count: "0" });
        expect(answer.body.totalResults).toBe(5);
        expect(answer.body.Resources ?? []).toEqual([]);
      });

      it("answers a startIndex past the end with an empty page", async () => {
        const answer = await scim.list("/Users", { filter: filter(), startIndex: "99" });
        expect(answer.body.totalResults).toBe(5);
        expect(answer.body.Resources ?? []).toEqual([]);
      });

      it("reads a startIndex below 1 as 1", async () => {
        const answer = await scim.list("/Users", { filter: filter(), startIndex: "0", count: "5" });
        expect(answer.status).toBe(200);
        expect(idsOf(answer)).toEqual([...ids].sort());
      });

      it.each([
        ["count", "abc"],
        ["count", "1.5"],
        ["startIndex", "first"],
      ])("answers 400 invalidValue for %s=%s", async (name, value) => {
        const answer = await scim.list("/Users", { filter: filter(), [name]: value });
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ status: "400", scimType: "invalidValue" });
      });
    });

    describe("attributes and excludedAttributes (RFC 7644 §3.4.2.5)", () => {
      let user: Json;
      beforeAll(async () => {
        user = await scim.create(
          "/Users",
          entraUserBody(uniqueUserName(), {
            [URNS.enterprise]: { department: "Retail", employeeNumber: "7" },
          }),
        );
      });

      it("returns only the named attributes plus id", async () => {
        const answer = await scim.get(`/Users/${user.id}?attributes=userName,name.givenName`);
        expect(answer.body.id).toBe(user.id);
        expect(answer.body.userName).toBe(user.userName);
        expect(answer.body.name).toEqual({ givenName: "Contract" });
        expect(answer.body.emails).toBeUndefined();
        expect(answer.body.displayName).toBeUndefined();
      });

      it("resolves URN-qualified names in attributes", async () => {
        const answer = await scim.get(
          `/Users/${user.id}?attributes=${URNS.user}:userName,${URNS.enterprise}:department`,
        );
        expect(answer.body.userName).toBe(user.userName);
        expect(answer.body[URNS.enterprise]).toEqual({ department: "Retail" });
        expect(answer.body.emails).toBeUndefined();
      });

      it("leaves out excluded attributes and keeps the rest", async () => {
        const answer = await scim.get(
          `/Users/${user.id}?excludedAttributes=emails,name.familyName,${URNS.enterprise}:employeeNumber`,
        );
        expect(answer.body.emails).toBeUndefined();
        expect(answer.body.name).toEqual({ givenName: "Contract", formatted: "Contract User" });
        expect(answer.body[URNS.enterprise]).toEqual({ department: "Retail" });
        expect(answer.body.userName).toBe(user.userName);
        expect(answer.body.id).toBe(user.id);
      });

      it("applies attributes to every resource of a list", async () => {
        const answer = await scim.list("/Users", { filter: `id eq "${user.id}"`, attributes: "userName" });
        expect(answer.body.Resources[0].userName).toBe(user.userName);
        expect(answer.body.Resources[0].emails).toBeUndefined();
      });
    });

    describe("replace, versions and delete", () => {
      it("replaces the whole user on PUT: attributes left out are gone", async () => {
        const user = await scim.create("/Users", entraUserBody(uniqueUserName(), { title: "Engineer" }));
        const answer = await scim.put(`/Users/${user.id}`, {
          schemas: [URNS.user],
          userName: user.userName,
          displayName: "Replaced",
          active: true,
        });
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ id: user.id, userName: user.userName, displayName: "Replaced" });
        const read = await scim.get(`/Users/${user.id}`);
        expect(read.body.title).toBeUndefined();
        expect(read.body.emails).toBeUndefined();
        expect(read.body.displayName).toBe("Replaced");
      });

      it("answers 409 when a PUT takes another user's userName", async () => {
        const first = await scim.create("/Users", entraUserBody(uniqueUserName()));
        const second = await scim.create("/Users", entraUserBody(uniqueUserName()));
        const answer = await scim.put(`/Users/${second.id}`, {
          schemas: [URNS.user],
          userName: first.userName,
        });
        expect(answer.status).toBe(409);
        expect(answer.body).toMatchObject({ scimType: "uniqueness" });
      });

      it("changes meta.version and the ETag on every change", async () => {
        const user = await scim.create("/Users", entraUserBody(uniqueUserName()));
        const before = await scim.get(`/Users/${user.id}`);
        await scim.patch(`/Users/${user.id}`, [{ op: "replace", path: "displayName", value: "Changed" }]);
        const after = await scim.get(`/Users/${user.id}`);
        expect(after.body.meta.version).not.toBe(before.body.meta.version);
        expect(after.headers.get("etag")).toBe(after.body.meta.version);
        expect(Date.parse(after.body.meta.lastModified)).toBeGreaterThanOrEqual(
          Date.parse(before.body.meta.lastModified),
        );
      });

      it("answers 412 to a write whose If-Match names an old version, and applies a current one", async () => {
        const user = await scim.create("/Users", entraUserBody(uniqueUserName()));
        const stale = user.meta.version;
        await scim.patch(`/Users/${user.id}`, [{ op: "replace", path: "displayName", value: "One" }]);
        const rejected = await scim.patch(
          `/Users/${user.id}`,
          [{ op: "replace", path: "displayName", value: "Two" }],
          {
            headers: { "if-match": stale },
          },
        );
        expect(rejected.status).toBe(412);
        const current = (await scim.get(`/Users/${user.id}`)).body.meta.version;
        const accepted = await scim.patch(
          `/Users/${user.id}`,
          [{ op: "replace", path: "displayName", value: "Two" }],
          {
            headers: { "if-match": current },
          },
        );
        expect(accepted.status).toBe(200);
        expect(accepted.body.displayName).toBe("Two");
      });

      it("answers 304 to a GET whose If-None-Match names the current version", async () => {
        const user = await scim.create("/Users", entraUserBody(uniqueUserName()));
        const answer = await scim.get(`/Users/${user.id}`, {
          headers: { "if-none-match": user.meta.version },
        });
        expect(answer.status).toBe(304);
      });

      it("answers 204 to DELETE, then 404 to GET and to a second DELETE", async () => {
        const user = await scim.create("/Users", entraUserBody(uniqueUserName()));
        const deleted = await scim.delete(`/Users/${user.id}`);
        expect(deleted.status).toBe(204);
        expect(deleted.text).toBe("");
        expect((await scim.get(`/Users/${user.id}`)).status).toBe(404);
        expect((await scim.delete(`/Users/${user.id}`)).status).toBe(404);
        const listed = await scim.list("/Users", { filter: `userName eq "${user.userName}"` });
        expect(listed.body.totalResults).toBe(0);
      });

      it("accepts the userName of a deleted user again", async () => {
        const userName = uniqueUserName();
        const user = await scim.create("/Users", entraUserBody(userName));
        await scim.delete(`/Users/${user.id}`);
        const again = await scim.create("/Users", entraUserBody(userName));
        expect(again.userName).toBe(userName);
      });
    });
  });
}
