/**
 * The Entra configuration and steps that reproduce each golden request of contracts/golden/
 * (Microsoft's documented examples). Each case is a scenario; `pick` names the request of the
 * last acting step that must equal the fixture (`*` matches any text).
 */
export type GoldenCase = { scenario: string; pick: string };

const IMMUTA = `
immuta:
  iams:
    - id: entra
      type: saml
      syncAttributes: true
`;

const FLAG_URL = "http://immuta.synclab.test/bim/scim/entra?aadOptscim062020";

/** The create example's configuration: userName from mailNickname, externalId from objectId. */
const CREATE_APP = `
entra:
  app:
    users:
      defaultMappings: false
      mappings:
        - { target: userName, source: mailNickname, matchingPriority: 1 }
        - { target: active, expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' }
        - { target: 'emails[type eq "work"].value', source: mail }
        - { target: name.formatted, expression: 'Join(" ", [givenName], [surname])' }
        - { target: name.familyName, source: surname }
        - { target: name.givenName, source: givenName }
        - { target: externalId, source: objectId }
  users:
    - userPrincipalName: test.user@testuser.com
      mailNickname: Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee
      mail: Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com
      givenName: givenName
      surname: familyName
`;

/** The compatibility doc's attribute set (displayName, work email, name, externalId, employeeNumber). */
function replaceApp(tenantUrl: string | null): string {
  return `
entra:
  app:
${tenantUrl ? `    tenantUrl: ${tenantUrl}\n` : ""}    users:
      defaultMappings: false
      mappings:
        - { target: userName, source: userPrincipalName, matchingPriority: 1 }
        - { target: active, expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' }
        - { target: displayName, source: displayName }
        - { target: 'emails[type eq "work"].value', source: mail }
        - { target: name.givenName, source: givenName }
        - { target: name.familyName, source: surname }
        - { target: externalId, source: mailNickname }
        - { target: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', source: employeeId }
  users:
    - userPrincipalName: test@test.microsoft.com
      displayName: Old
      mail: old@test.microsoft.com
      givenName: Old
      surname: Old
      mailNickname: Old
      employeeId: Old
`;
}

function userApp(options: { tenantUrl?: string; quirks?: string; mappings: string; user: string }): string {
  return `
entra:
  app:
${options.tenantUrl ? `    tenantUrl: ${options.tenantUrl}\n` : ""}${options.quirks ? `    quirks: ${options.quirks}\n` : ""}    users:
      defaultMappings: false
      mappings:
${options.mappings}
  users:
${options.user}
`;
}

const ACTIVE_MAPPINGS = `        - { target: userName, source: userPrincipalName, matchingPriority: 1 }
        - { target: active, expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' }`;

function groupApp(options: { tenantUrl?: string; quirks?: string } = {}): string {
  return `
entra:
  app:
    displayName: Immuta
${options.tenantUrl ? `    tenantUrl: ${options.tenantUrl}\n` : ""}${options.quirks ? `    quirks: ${options.quirks}\n` : ""}  users:
    - { userPrincipalName: member@contoso.com, mailNickname: member }
    - { userPrincipalName: other@contoso.com, mailNickname: other }
  groups:
    - { displayName: displayName, members: [member@contoso.com, other@contoso.com] }
`;
}

const DISABLE_STEPS = `
steps:
  - cycle: initial
  - setAccountEnabled: { user: test@contoso.com, enabled: false }
  - cycle: incremental
`;

const REMOVE_MEMBER_STEPS = `
steps:
  - cycle: initial
  - removeMember: { group: displayName, user: other@contoso.com }
  - cycle: incremental
`;

export const GOLDEN_CASES: Record<string, GoldenCase> = {
  "test-connection": {
    scenario: `name: t\n${CREATE_APP}${IMMUTA}\nsteps:\n  - testConnection: true\n`,
    pick: "GET /Users?filter=userName eq *",
  },
  "user-get-by-query": {
    scenario: `name: t\n${CREATE_APP}${IMMUTA}\nsteps:\n  - cycle: initial\n`,
    pick: 'GET /Users?filter=userName eq "Test_User_*"',
  },
  "user-get-by-query-zero-results": {
    scenario: `name: t\n${userApp({
      mappings: "        - { target: userName, source: displayName, matchingPriority: 1 }",
      user: "    - { userPrincipalName: nobody@contoso.com, displayName: non-existent user }",
    })}${IMMUTA}\nsteps:\n  - cycle: initial\n`,
    pick: 'GET /Users?filter=userName eq "non-existent user"',
  },
  "user-get-by-query-emails": {
    scenario: `name: t\n${userApp({
      mappings: `        - { target: userName, source: userPrincipalName, matchingPriority: 1 }
        - { target: 'emails[type eq "work"].value', source: mail, matchingPriority: 2 }`,
      user: "    - { userPrincipalName: alice@contoso.com, mail: user@contoso.com }",
    })}${IMMUTA}\nsteps:\n  - cycle: initial\n`,
    pick: "GET /Users?filter=emails*",
  },
  "user-get": {
    scenario: `name: t\n${CREATE_APP}${IMMUTA}\nsteps:\n  - provision: test.user@testuser.com\n  - provision: test.user@testuser.com\n`,
    pick: "GET /Users/*",
  },
  "user-create": {
    scenario: `name: t\n${CREATE_APP}${IMMUTA}\nsteps:\n  - provision: test.user@testuser.com\n`,
    pick: "POST /Users",
  },
  "user-update-multi-valued": {
    scenario: `name: t\n${userApp({
      mappings: `${ACTIVE_MAPPINGS}
        - { target: 'emails[type eq "work"].value', source: mail }
        - { target: name.givenName, source: givenName }
        - { target: name.familyName, source: surname }`,
      user: "    - { userPrincipalName: test@contoso.com, mail: old@microsoft.com, givenName: givenName, surname: familyName }",
    })}${IMMUTA}
steps:
  - cycle: initial
  - updateUser: { user: test@contoso.com, set: { mail: updatedEmail@microsoft.com, surname: updatedFamilyName } }
  - cycle: incremental
`,
    pick: "PATCH /Users/*",
  },
  "user-update-single-valued": {
    scenario: `name: t\n${userApp({
      mappings: ACTIVE_MAPPINGS,
      user: "    - { userPrincipalName: test@testuser.com }",
    })}${IMMUTA}
steps:
  - cycle: initial
  - updateUser: { user: test@testuser.com, set: { userPrincipalName: 5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com } }
  - cycle: incremental
`,
    pick: "PATCH /Users/*",
  },
  "user-disable-scim-doc": {
    scenario: `name: t\n${userApp({
      quirks: "{ stringBooleansInPatch: false }",
      mappings: ACTIVE_MAPPINGS,
      user: "    - { userPrincipalName: test@contoso.com }",
    })}${IMMUTA}${DISABLE_STEPS}`,
    pick: "PATCH /Users/*",
  },
  "user-disable-legacy": {
    scenario: `name: t\n${userApp({
      mappings: ACTIVE_MAPPINGS,
      user: "    - { userPrincipalName: test@contoso.com }",
    })}${IMMUTA}${DISABLE_STEPS}`,
    pick: "PATCH /Users/*",
  },
  "user-disable-flag": {
    scenario: `name: t\n${userApp({
      tenantUrl: FLAG_URL,
      mappings: ACTIVE_MAPPINGS,
      user: "    - { userPrincipalName: test@contoso.com }",
    })}${IMMUTA}${DISABLE_STEPS}`,
    pick: "PATCH /Users/*",
  },
  "user-delete": {
    scenario: `name: t\n${userApp({
      mappings: ACTIVE_MAPPINGS,
      user: "    - { userPrincipalName: test@contoso.com }",
    })}${IMMUTA}
steps:
  - cycle: initial
  - deleteUser: test@contoso.com
  - purgeUser: test@contoso.com
  - cycle: incremental
`,
    pick: "DELETE /Users/*",
  },
  "user-add-single-value-legacy": {
    scenario: `name: t\n${userApp({
      mappings: `${ACTIVE_MAPPINGS}\n        - { target: nickName, source: givenName }`,
      user: "    - { userPrincipalName: test@contoso.com }",
    })}${IMMUTA}
steps:
  - cycle: initial
  - updateUser: { user: test@contoso.com, set: { givenName: Babs } }
  - cycle: incremental
`,
    pick: "PATCH /Users/*",
  },
  "user-add-single-value-flag": {
    scenario: `name: t\n${userApp({
      tenantUrl: FLAG_URL,
      mappings: `${ACTIVE_MAPPINGS}\n        - { target: nickName, source: givenName }`,
      user: "    - { userPrincipalName: test@contoso.com }",
    })}${IMMUTA}
steps:
  - cycle: initial
  - updateUser: { user: test@contoso.com, set: { givenName: Babs } }
  - cycle: incremental
`,
    pick: "PATCH /Users/*",
  },
  "user-replace-multiple-legacy": {
    scenario: `name: t\n${replaceApp(null)}${IMMUTA}
steps:
  - cycle: initial
  - updateUser:
      user: test@test.microsoft.com
      set: { displayName: Pvlo, mail: TestBcwqnm@test.microsoft.com, givenName: Gtfd, surname: Pkqf, mailNickname: Eqpj, employeeId: Eqpj }
  - cycle: incremental
`,
    pick: "PATCH /Users/*",
  },
  "user-replace-multiple-flag": {
    scenario: `name: t\n${replaceApp(FLAG_URL)}${IMMUTA}
steps:
  - cycle: initial
  - updateUser:
      user: test@test.microsoft.com
      set: { displayName: Bjfe, mail: TestMhvaes@test.microsoft.com, givenName: Kkom, surname: Unua, employeeId: Aklq }
  - cycle: incremental
`,
    pick: "PATCH /Users/*",
  },
  "group-create": {
    scenario: `name: t\n${groupApp()}${IMMUTA}\nsteps:\n  - cycle: initial\n`,
    pick: "POST /Groups",
  },
  "group-get-by-display-name": {
    scenario: `name: t\n${groupApp()}${IMMUTA}\nsteps:\n  - cycle: initial\n`,
    pick: "GET /Groups?*",
  },
  "group-get": {
    scenario: `name: t\n${groupApp()}${IMMUTA}\nsteps:\n  - cycle: initial\n  - updateGroup: { group: displayName, displayName: renamed }\n  - cycle: incremental\n`,
    pick: "GET /Groups/*",
  },
  "group-update-non-member": {
    scenario: `name: t\n${groupApp()}${IMMUTA}
steps:
  - cycle: initial
  - updateGroup: { group: displayName, displayName: 1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName }
  - cycle: incremental
`,
    pick: "PATCH /Groups/*",
  },
  "group-member-add": {
    scenario: `name: t\n${groupApp()}${IMMUTA}\nsteps:\n  - provisionGroup: { group: displayName, members: [member@contoso.com] }\n`,
    pick: "PATCH /Groups/*",
  },
  "group-member-remove": {
    scenario: `name: t\n${groupApp()}${IMMUTA}${REMOVE_MEMBER_STEPS}`,
    pick: "PATCH /Groups/*",
  },
  "group-member-remove-legacy-compat": {
    scenario: `name: t\n${groupApp({ quirks: "{ memberValueWithNullRef: false }" })}${IMMUTA}${REMOVE_MEMBER_STEPS}`,
    pick: "PATCH /Groups/*",
  },
  "group-member-remove-flag": {
    scenario: `name: t\n${groupApp({ tenantUrl: FLAG_URL })}${IMMUTA}${REMOVE_MEMBER_STEPS}`,
    pick: "PATCH /Groups/*",
  },
  "group-delete": {
    scenario: `name: t\n${groupApp()}${IMMUTA}\nsteps:\n  - cycle: initial\n  - unassign: displayName\n  - cycle: incremental\n`,
    pick: "DELETE /Groups/*",
  },
};

/** Documented examples that are the same request as another case. */
export const SAME_AS: Record<string, string> = {
  "user-get-example-3": "user-get",
  "user-delete-example-6": "user-delete",
};
