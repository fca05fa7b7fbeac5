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
 * Every PATCH shape Entra sends to a user, in the legacy (customappsso) dialect and the flag
 * dialect, over HTTP: each answers 200 with the user, and a later GET shows the change. Each case
 * names its source:
 * - SCIM tutorial:
 *   https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
 * - compatibility page (the aadOptscim062020 table):
 * https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility
 * - Microsoft Q&A 1693075: https://learn.microsoft.com/answers/questions/1693075
 * - laravel-scim-server#34, SCIM-SDK#686, scim-patch#453: observed requests in
 *   https://github.com/limosa-io/laravel-scim-server/issues/34,
 *   https://github.com/Captain-P-Goldfish/SCIM-SDK/issues/686,
 *   https://github.com/thomaspoignant/scim-patch/issues/453
 */
export function describeEntraPatchContract(target: () => ScimTarget): void {
  describe("SCIM PATCH /Users in Entra's dialects", () => {
    const scim = createScimClient(target);

    const cases: [string, PatchCase][] = [
      [
        "legacy Add of a missing value and Replace of an existing one (laravel-scim-server#34)",
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
        "legacy Replace through value filters and Add of an enterprise attribute (laravel-scim-server#34)",
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
        'legacy disable: Replace active with the string "False" (compatibility page)',
        {
          operations: () => [{ op: "Replace", path: "active", value: "False" }],
          expect: (user) => expect(user.active).toBe(false),
        },
      ],
      [
        'legacy re-enable: Replace active with the string "True" (compatibility page)',
        {
          before: () => ({ active: false }),
          operations: () => [{ op: "Replace", path: "active", value: "True" }],
          expect: (user) => expect(user.active).toBe(true),
        },
      ],
      [
        "flag disable: replace active with false (compatibility page)",
        {
          operations: () => [{ op: "replace", path: "active", value: false }],
          expect: (user) => expect(user.active).toBe(false),
        },
      ],
      [
        "legacy Add of a single-valued string: nickName (compatibility page)",
        {
          operations: () => [{ op: "Add", path: "nickName", value: "Babs" }],
          expect: (user) => expect(user.nickName).toBe("Babs"),
        },
      ],
      [
        "legacy Replace of several attributes, one op each with a path (compatibility page)",
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
        "flag replace without a path, keyed by dotted and URN-qualified paths (compatibility page)",
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
        "Add of a custom extension attribute by its URN path (compatibility page)",
        {
          operations: ({ extension }) => [{ op: "Add", path: `${extension}:zipcode`, value: "98052" }],
          expect: (user, { extension }) => expect(user[extension]).toEqual({ zipcode: "98052" }),
        },
      ],
      [
        "Replace of a custom extension attribute sent in the POST (compatibility page)",
        {
          before: ({ extension }) => ({ [extension]: { zipcode: "98052", costCenter: "4130" } }),
          operations: ({ extension }) => [{ op: "Replace", path: `${extension}:zipcode`, value: "10001" }],
          expect: (user, { extension }) =>
            expect(user[extension]).toEqual({ zipcode: "10001", costCenter: "4130" }),
        },
      ],
      [
        "Add of a multi-valued custom attribute as an array of value objects (Microsoft Q&A 1693075)",
        {
          operations: ({ extension }) => [
            { op: "Add", path: `${extension}:department_ids`, value: [{ value: "1" }] },
          ],
          expect: (user, { extension }) => expect(valuesOf(user[extension]?.department_ids)).toEqual(["1"]),
        },
      ],
      [
        "flag add of the manager as a bare id (SCIM-SDK#686)",
        {
          operations: ({ managerId }) => [
            { op: "add", path: `${URNS.enterprise}:manager`, value: managerId },
          ],
          expect: (user, { managerId }) => expect(user[URNS.enterprise].manager.value).toBe(managerId),
        },
      ],
      [
        "legacy Add of the manager with an unqualified path and a value array (SCIM tutorial)",
        {
          operations: ({ managerId }) => [
            { op: "Add", path: "manager", value: [{ $ref: null, value: managerId }] },
          ],
          expect: (user, { managerId }) => expect(user[URNS.enterprise].manager.value).toBe(managerId),
        },
      ],
      [
        'removal of the manager with manager[value eq "id"] (scim-patch#453)',
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
        "ops, paths and attribute names in any case (RFC 7643 §2.1; Entra sends Add/Replace/Remove)",
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

    it("still lists a disabled user for Entra to read back (SCIM tutorial)", async () => {
      const user = await scim.create("/Users", entraUserBody(uniqueUserName("disabled")));
      await scim.patch(`/Users/${user.id}`, [{ op: "Replace", path: "active", value: "False" }]);
      const answer = await scim.list("/Users", { filter: `userName eq "${user.userName}"` });
      expect(answer.body.totalResults).toBe(1);
      expect(answer.body.Resources[0].active).toBe(false);
    });
  });
}
