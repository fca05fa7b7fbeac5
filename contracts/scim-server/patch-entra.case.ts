import { describe, expect, it } from "../harness/case-api.ts";
import { createScimClient, entraUserBody, uniqueUserName, URNS, type Json } from "./scim-client.ts";
import type { ScimTarget } from "./scim-target.ts";

/** The values of a possibly multi-valued attribute, `{value}` objects read as their value. */
const valuesOf = (attribute: Json): unknown[] =>
  (Array.isArray(attribute) ? attribute : attribute === undefined ? [] : [attribute]).map(
    (item: Json): unknown => (typeof item === "object" && item !== null ? item.value : item),
  );

type PatchCase = {
  /** Extra attributes of the user before the PATCH. */
  before?: (context: { extension: string; managerId: string }) => Record<string, unknown>;
  operations: (context: { extension: string; managerId: string }) => unknown[];
  expect: (user: Json, context: { extension: string; managerId: string }) => void;
};

/**
 * Every PATCH shape Entra sends to a user (reference/entra.md §1.4-§1.8 and the aadOptscim062020
 * table of §2), in the legacy (customappsso) dialect and the flag dialect, over HTTP: each answers
 * 200 with the user, and a later GET shows the change.
 */
export function describeEntraPatchContract(target: () => ScimTarget): void {
  describe("SCIM PATCH /Users in Entra's dialects", () => {
    const scim = createScimClient(target);

    const cases: [string, PatchCase][] = [
      [
        "legacy Add of a missing value and Replace of an existing one (§1.4)",
        {
          before: () => ({ name: { familyName: "Foo" } }),
          operations: () => [
            { op: "Add", path: "name.givenName", value: "Bar" },
            { op: "Replace", path: "name.familyName", value: "Foo2" },
          ],
          expect: (user) => expect(user.name).toMatchObject({ givenName: "Bar", familyName: "Foo2" }),
        },
      ],
      [
        "legacy Replace through value filters and Add of an enterprise attribute (§1.4)",
        {
          operations: () => [
            { op: "Replace", path: 'emails[type eq "work"].value', value: "AdeleV2@contoso.example" },
            { op: "Replace", path: 'addresses[type eq "work"].formatted', value: "18/2111" },
            { op: "Add", path: `${URNS.enterprise}:department`, value: "Retail" },
          ],
          expect: (user) => {
            expect(user.emails).toEqual([
              expect.objectContaining({ type: "work", value: "AdeleV2@contoso.example" }),
            ]);
            expect(user.addresses).toEqual([expect.objectContaining({ type: "work", formatted: "18/2111" })]);
            expect(user[URNS.enterprise]).toMatchObject({ department: "Retail" });
          },
        },
      ],
      [
        'legacy disable: Replace active with the string "False" (§1.7)',
        {
          operations: () => [{ op: "Replace", path: "active", value: "False" }],
          expect: (user) => expect(user.active).toBe(false),
        },
      ],
      [
        'legacy re-enable: Replace active with the string "True" (§1.7)',
        {
          before: () => ({ active: false }),
          operations: () => [{ op: "Replace", path: "active", value: "True" }],
          expect: (user) => expect(user.active).toBe(true),
        },
      ],
      [
        "flag disable: replace active with false (§2)",
        {
          operations: () => [{ op: "replace", path: "active", value: false }],
          expect: (user) => expect(user.active).toBe(false),
        },
      ],
      [
        "legacy Add of a single-valued string: nickName (§2)",
        {
          operations: () => [{ op: "Add", path: "nickName", value: "Babs" }],
          expect: (user) => expect(user.nickName).toBe("Babs"),
        },
      ],
      [
        "legacy Replace of several attributes, one op each with a path (§2)",
        {
          operations: () => [
            { op: "Replace", path: "displayName", value: "Bjfe" },
            { op: "Replace", path: 'emails[type eq "work"].value', value: "bjfe@contoso.example" },
            { op: "Replace", path: "name.givenName", value: "Kkom" },
            { op: "Replace", path: "name.familyName", value: "Unua" },
            { op: "Replace", path: "externalId", value: "ext-bjfe" },
            { op: "Replace", path: `${URNS.enterprise}:employeeNumber`, value: "Aklq" },
          ],
          expect: (user) =>
            expect(user).toMatchObject({
              displayName: "Bjfe",
              externalId: "ext-bjfe",
              name: { givenName: "Kkom", familyName: "Unua" },
              [URNS.enterprise]: { employeeNumber: "Aklq" },
              emails: [expect.objectContaining({ type: "work", value: "bjfe@contoso.example" })],
            }),
        },
      ],
      [
        "flag replace without a path, keyed by dotted and URN-qualified paths (§1.5)",
        {
          operations: ({ extension }) => [
            { op: "replace", path: 'emails[type eq "work"].value', value: "TestMhvaes@contoso.example" },
            {
              op: "replace",
              value: {
                displayName: "Bjfe",
                "name.givenName": "Kkom",
                "name.familyName": "Unua",
                [`${URNS.enterprise}:employeeNumber`]: "Aklq",
                [`${extension}:zipcode`]: "98052",
              },
            },
          ],
          expect: (user, { extension }) => {
            expect(user).toMatchObject({
              displayName: "Bjfe",
              name: { givenName: "Kkom", familyName: "Unua" },
              [URNS.enterprise]: { employeeNumber: "Aklq" },
              [extension]: { zipcode: "98052" },
            });
            expect(user.emails[0].value).toBe("TestMhvaes@contoso.example");
          },
        },
      ],
      [
        "Add of a custom extension attribute by its URN path (§1.4)",
        {
          operations: ({ extension }) => [{ op: "Add", path: `${extension}:zipcode`, value: "98052" }],
          expect: (user, { extension }) => expect(user[extension]).toEqual({ zipcode: "98052" }),
        },
      ],
      [
        "Replace of a custom extension attribute sent in the POST (§1.4)",
        {
          before: ({ extension }) => ({ [extension]: { zipcode: "98052", costCenter: "4130" } }),
          operations: ({ extension }) => [{ op: "Replace", path: `${extension}:zipcode`, value: "10001" }],
          expect: (user, { extension }) =>
            expect(user[extension]).toEqual({ zipcode: "10001", costCenter: "4130" }),
        },
      ],
      [
        "Add of a multi-valued custom attribute as an array of value objects (§1.4)",
        {
          operations: ({ extension }) => [
            { op: "Add", path: `${extension}:department_ids`, value: [{ value: "1" }] },
          ],
          expect: (user, { extension }) => expect(valuesOf(user[extension]?.department_ids)).toEqual(["1"]),
        },
      ],
      [
        "flag add of the manager as a bare id (§1.3)",
        {
          operations: ({ managerId }) => [
            { op: "add", path: `${URNS.enterprise}:manager`, value: managerId },
          ],
          expect: (user, { managerId }) => expect(user[URNS.enterprise].manager.value).toBe(managerId),
        },
      ],
      [
        "legacy Add of the manager with an unqualified path and a value array (§1.3)",
        {
          operations: ({ managerId }) => [
            { op: "Add", path: "manager", value: [{ $ref: null, value: managerId }] },
          ],
          expect: (user, { managerId }) => expect(user[URNS.enterprise].manager.value).toBe(managerId),
        },
      ],
      [
        'removal of the manager with manager[value eq "id"] (§1.6)',
        {
          before: ({ managerId }) => ({
            [URNS.enterprise]: { department: "R&D", manager: { value: managerId } },
          }),
          operations: ({ managerId }) => [
            { op: "remove", path: `${URNS.enterprise}:manager[value eq "${managerId}"]` },
          ],
          expect: (user) => {
            expect(user[URNS.enterprise]?.manager).toBeUndefined();
            expect(user[URNS.enterprise].department).toBe("R&D");
          },
        },
      ],
      [
        "ops, paths and attribute names in any case (RFC 7643 §2.1, entra.md §1.1)",
        {
          operations: () => [{ op: "REPLACE", path: "DisplayName", value: "Shouting" }],
          expect: (user) => expect(user.displayName).toBe("Shouting"),
        },
      ],
    ];

    it.each(cases)("%s", async (_, patchCase) => {
      const extension = scim.extension();
      const manager = await scim.create("/Users", entraUserBody(uniqueUserName("manager")));
      const context = { extension, managerId: String(manager.id) };
      const user = await scim.create(
        "/Users",
        entraUserBody(uniqueUserName("patched"), patchCase.before?.(context)),
      );
      const answer = await scim.patch(`/Users/${user.id}`, patchCase.operations(context));
      expect(answer.status).toBe(200);
      expect(answer.body.id).toBe(user.id);
      patchCase.expect(answer.body, context);
      patchCase.expect((await scim.get(`/Users/${user.id}`)).body, context);
    });

    it("still lists a disabled user for Entra to read back (§1.7)", async () => {
      const user = await scim.create("/Users", entraUserBody(uniqueUserName("disabled")));
      await scim.patch(`/Users/${user.id}`, [{ op: "Replace", path: "active", value: "False" }]);
      const answer = await scim.list("/Users", { filter: `userName eq "${user.userName}"` });
      expect(answer.body.totalResults).toBe(1);
      expect(answer.body.Resources[0].active).toBe(false);
    });
  });
}
