/**
 * Every place where the fake Entra follows Microsoft's behaviour rather than RFC 7644, or had to
 * choose where Microsoft documents nothing. Each entry says whether it is documented (a Microsoft
 * page), observed (third-party reports) or assumed, its public source, and its default.
 * Each is a switch: a scenario can flip it to reproduce a tenant that behaves otherwise.
 */
export const QUIRKS = {
  capitalisedOps: {
    status: "documented",
    source:
      "Microsoft Learn, Develop and plan provisioning for a SCIM endpoint: Entra emits op values Add, Replace, Remove (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups)",
    default: true,
    description: "Legacy dialect PATCH ops are `Add`/`Replace`/`Remove`.",
  },
  stringBooleansInPatch: {
    status: "documented",
    source:
      "Microsoft Learn, Known issues with SCIM 2.0 protocol compliance, flag table (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility)",
    default: true,
    description:
      'Legacy dialect sends booleans as "True"/"False" strings (documented for `active`; applied to every Boolean attribute).',
  },
  mergedPathlessReplace: {
    status: "documented",
    source:
      "Microsoft Learn, Known issues with SCIM 2.0 protocol compliance (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility); dotted keys seen in https://github.com/Captain-P-Goldfish/scim-for-keycloak/issues/26",
    default: true,
    description:
      "Flag dialect merges simple replaces into one path-less `replace` keyed by dotted/URN paths. Reconstructed: a single replace keeps its path (as the documented disable example shows).",
  },
  createSkipsNonUrnCustomAttributes: {
    status: "observed",
    source:
      "Immuta KB, Attributes are not updated during initial create user payload via SCIM on Azure AD (https://documentation.immuta.com/knowledge-base/LmMmmLqSszWn8sdGe7gH/support-knowledge-articles/identity-management/attributes-are-not-updated-during-initial-create-user-payload-via-scim-on-azure-ad)",
    default: true,
    description:
      "A custom target attribute not named urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attr> is left out of POST and sent in a later update.",
  },
  nothingSentOnClear: {
    status: "documented",
    source:
      "Microsoft Learn, Known issues for provisioning: Entra can't provision null attributes (https://learn.microsoft.com/entra/identity/app-provisioning/known-issues)",
    default: true,
    description:
      "When a mapped source becomes empty, no operation is sent; the target keeps its old value. Off: a `Remove` is sent.",
  },
  multiValueAddAlways: {
    status: "observed",
    source: "Microsoft Q&A 1693075 (https://learn.microsoft.com/answers/questions/1693075)",
    default: true,
    description:
      'A multi-valued custom attribute is always PATCHed with `Add` and `[{"value": ...}]`, even to replace.',
  },
  keepAliveProbe: {
    status: "observed",
    source:
      "https://github.com/AzureAD/SCIMReferenceCode/issues/63; scimgateway README, keep-alive check (https://github.com/jelhub/scimgateway)",
    default: true,
    description:
      'Every cycle and on-demand run starts with GET /Users?filter=<matching attr> eq "<random guid>".',
  },
  forwardFlagQuery: {
    status: "assumed",
    source:
      "not documented: the compatibility page only says to append the flag to the tenant URL (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility)",
    default: false,
    description:
      "Whether `?aadOptscim062020` is kept on each request URL. Default: stripped from the tenant URL.",
  },
  legacyMemberRemoveWithValue: {
    status: "documented",
    source:
      "Microsoft Learn, Known issues with SCIM 2.0 protocol compliance (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility)",
    default: true,
    description:
      'Legacy dialect removes members with `path: "members"` and a value array; the flag dialect uses `members[value eq "id"]`.',
  },
  managerSeparatePatch: {
    status: "documented",
    source:
      "Microsoft Learn, How provisioning works, reference attributes (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works); plain-string value: https://github.com/Captain-P-Goldfish/SCIM-SDK/issues/686",
    default: true,
    description:
      "The manager reference goes in a PATCH after the create, its value the manager's target id as a plain string.",
  },
  getByIdWhenAnchored: {
    status: "assumed",
    source:
      "a 2018 trace GET /Users/{id} → filter → POST (https://github.com/MicrosoftDocs/azure-docs/issues/11784); not documented",
    default: true,
    description:
      "When Entra holds the target id of an object it reads it with GET /Users/{id} instead of a filter query.",
  },
  addressesPrimary: {
    status: "assumed",
    source:
      "not documented; the documented create example marks only the work email primary (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups)",
    default: true,
    description: 'The work address in a POST carries `"primary": true`, as the work email does (documented).',
  },
  memberValueWithNullRef: {
    status: "documented",
    source:
      'Microsoft Learn, Develop and plan provisioning for a SCIM endpoint, "Update Group [Add Members]/[Remove Members]" (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups); the compatibility page\'s remove example has no $ref (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility)',
    default: true,
    description:
      'Member values in group PATCHes are `{"$ref": null, "value": "<id>"}`. Off: `{"value": "<id>"}` as in the compatibility doc.',
  },
  membersInOneOperation: {
    status: "assumed",
    source:
      'Microsoft Learn, Develop and plan provisioning for a SCIM endpoint, gallery checklist: "Support updating multiple group memberships with a single PATCH" (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups)',
    default: true,
    description:
      "Every member added (or, in the legacy dialect, removed) in one cycle goes in one op with a value array; the flag dialect needs one op per removed member.",
  },
  flagIgnoredOnDemand: {
    status: "documented",
    source:
      "Microsoft Learn, Known issues with SCIM 2.0 protocol compliance: the flag doesn't work with on-demand provisioning (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility)",
    default: true,
    description:
      "Provision on demand always speaks the legacy dialect, even when the tenant URL carries the flag.",
  },
  testConnectionGroupProbe: {
    status: "assumed",
    source:
      'Microsoft Learn, Develop and plan provisioning for a SCIM endpoint: "fetch a random user and group" (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups); only the Users probe was ever observed (https://github.com/AzureAD/SCIMReferenceCode/issues/63, https://github.com/MicrosoftDocs/azure-docs/issues/94189)',
    default: false,
    description:
      'Test Connection also sends GET /Groups?excludedAttributes=members&filter=displayName eq "<random guid>".',
  },
  retryThrottledInRun: {
    status: "assumed",
    source:
      "Microsoft Learn, Analyze provisioning logs: TooManyRequests is retried automatically (https://learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-provisioning-logs); the schedule is not documented",
    default: true,
    description:
      "A 429 or 5xx answer is retried twice at once in the same run; if it still fails the object is escrowed. A 429 whose Retry-After asks for a wait is not retried in the run: the object is escrowed for a later cycle.",
  },
  scimClientTimeouts: {
    status: "assumed",
    source:
      "not documented: the provisioning logs have a Timeout error code (https://learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-provisioning-logs), no duration is published",
    default: true,
    description:
      "Outgoing SCIM calls give up after 10 s without a response and 60 s for a whole response (settable per tenant); the object is logged with Timeout and escrowed. Off: the client waits for ever.",
  },
  escrowRetryEveryCycle: {
    status: "assumed",
    source:
      "Microsoft Learn, Application provisioning in quarantine status: escrow retries after 6h, 12h, 24h, then daily for 28 days (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-quarantine-status)",
    default: true,
    description:
      "Escrowed objects are retried in every later cycle (convenient for scenarios). Off: the documented 6h/12h/24h/daily schedule on the injected clock; dropped after 28 days.",
  },
  disableSendsOnlyActive: {
    status: "assumed",
    source:
      "Microsoft Learn, How provisioning works: a disable sets active false (https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works); other attributes not documented",
    default: true,
    description:
      "When a user goes out of scope, the PATCH carries only `active`; other changed attributes are not exported.",
  },
  skipOutOfScopeOnlyForScopeExits: {
    status: "assumed",
    source:
      "Microsoft Learn, Skip deletion of user accounts that go out of scope, names out-of-scope users only (https://learn.microsoft.com/entra/identity/app-provisioning/skip-out-of-scope-deletions)",
    default: true,
    description:
      "SkipOutOfScopeDeletions suppresses the disable of unassigned or filtered-out users only; a soft delete or accountEnabled false still disables.",
  },
  managerRemoveOnClear: {
    status: "observed",
    source:
      'remove with path manager[value eq "id"] (https://github.com/thomaspoignant/scim-patch/issues/453)',
    default: false,
    description:
      'When the manager is cleared, send `Remove` with path `<enterprise URN>:manager[value eq "<old id>"]`. Off: nothing is sent (the documented null rule).',
  },
  groupOutOfScopeDeletes: {
    status: "assumed",
    source:
      "not documented for SCIM groups; Immuta documents that groups are removed (https://documentation.immuta.com/saas/configuration/people/section-contents/how-to-guides/saml/okta-saml-scim)",
    default: true,
    description:
      "An assigned group that is unassigned, soft-deleted or purged is deleted in the target (DELETE /Groups/{id}) when the Delete action is on.",
  },
} as const;

export type QuirkName = keyof typeof QUIRKS;
export type Quirks = { [K in QuirkName]: boolean };

export function defaultQuirks(): Quirks {
  return Object.fromEntries(Object.entries(QUIRKS).map(([name, quirk]) => [name, quirk.default])) as Quirks;
}
