/**
 * Every place where the fake Entra follows Microsoft's behaviour rather than RFC 7644, or had to
 * choose where Microsoft documents nothing. Each entry says whether it is documented (a Microsoft
 * page), observed (third-party reports) or assumed, its source in reference/entra.md, and its default.
 * Each is a switch: a scenario can flip it to reproduce a tenant that behaves otherwise.
 */
export const QUIRKS = {
  capitalisedOps: {
    status: "documented",
    source:
      "use-scim-to-provision-users-and-groups.md: Entra emits op values Add, Replace, Remove (entra.md §1.1)",
    default: true,
    description: "Legacy dialect PATCH ops are `Add`/`Replace`/`Remove`.",
  },
  stringBooleansInPatch: {
    status: "documented",
    source: "application-provisioning-config-problem-scim-compatibility.md table (entra.md §2)",
    default: true,
    description:
      'Legacy dialect sends booleans as "True"/"False" strings (documented for `active`; applied to every Boolean attribute).',
  },
  mergedPathlessReplace: {
    status: "documented",
    source: "application-provisioning-config-problem-scim-compatibility.md (entra.md §1.5, §2)",
    default: true,
    description:
      "Flag dialect merges simple replaces into one path-less `replace` keyed by dotted/URN paths. Reconstructed: a single replace keeps its path (as the documented disable example shows).",
  },
  createSkipsNonUrnCustomAttributes: {
    status: "observed",
    source:
      "Immuta KB 'Attributes are not updated during initial create user payload' (entra.md §1.3, immuta.md §5)",
    default: true,
    description:
      "A custom target attribute not named urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attr> is left out of POST and sent in a later update.",
  },
  nothingSentOnClear: {
    status: "documented",
    source: "known-issues.md: Entra can't provision null attributes (entra.md §1.6)",
    default: true,
    description:
      "When a mapped source becomes empty, no operation is sent; the target keeps its old value. Off: a `Remove` is sent.",
  },
  multiValueAddAlways: {
    status: "observed",
    source: "Microsoft Q&A 1693075 (entra.md §1.4)",
    default: true,
    description:
      'A multi-valued custom attribute is always PATCHed with `Add` and `[{"value": ...}]`, even to replace.',
  },
  keepAliveProbe: {
    status: "observed",
    source: "SCIMReferenceCode #63, scimgateway README (entra.md §1.2)",
    default: true,
    description:
      'Every cycle and on-demand run starts with GET /Users?filter=<matching attr> eq "<random guid>".',
  },
  forwardFlagQuery: {
    status: "assumed",
    source: "not documented (entra.md §9.4)",
    default: false,
    description:
      "Whether `?aadOptscim062020` is kept on each request URL. Default: stripped from the tenant URL.",
  },
  legacyMemberRemoveWithValue: {
    status: "documented",
    source: "application-provisioning-config-problem-scim-compatibility.md (entra.md §1.9, §2)",
    default: true,
    description:
      'Legacy dialect removes members with `path: "members"` and a value array; the flag dialect uses `members[value eq "id"]`.',
  },
  managerSeparatePatch: {
    status: "documented",
    source:
      "how-provisioning-works.md reference resolution; SCIM-SDK #686 for the plain-string value (entra.md §1.3)",
    default: true,
    description:
      "The manager reference goes in a PATCH after the create, its value the manager's target id as a plain string.",
  },
  getByIdWhenAnchored: {
    status: "assumed",
    source: "2018 trace GET /Users/{id} → filter → POST (entra.md §1.3, §9.7)",
    default: true,
    description:
      "When Entra holds the target id of an object it reads it with GET /Users/{id} instead of a filter query.",
  },
  addressesPrimary: {
    status: "assumed",
    source: "synthesised POST example (entra.md §1.3, §9.11)",
    default: true,
    description: 'The work address in a POST carries `"primary": true`, as the work email does (documented).',
  },
  memberValueWithNullRef: {
    status: "documented",
    source:
      'use-scim-to-provision-users-and-groups.md "Update Group [Add Members]/[Remove Members]" (entra.md §1.9); the compatibility doc\'s remove example has no $ref (entra.md §2)',
    default: true,
    description:
      'Member values in group PATCHes are `{"$ref": null, "value": "<id>"}`. Off: `{"value": "<id>"}` as in the compatibility doc.',
  },
  membersInOneOperation: {
    status: "assumed",
    source:
      'gallery checklist "Support updating multiple group memberships with a single PATCH" (entra.md §1.9, §9.9)',
    default: true,
    description:
      "Every member added (or, in the legacy dialect, removed) in one cycle goes in one op with a value array; the flag dialect needs one op per removed member.",
  },
  flagIgnoredOnDemand: {
    status: "documented",
    source:
      "application-provisioning-config-problem-scim-compatibility.md: the flag doesn't work with on-demand provisioning (entra.md §2)",
    default: true,
    description:
      "Provision on demand always speaks the legacy dialect, even when the tenant URL carries the flag.",
  },
  testConnectionGroupProbe: {
    status: "assumed",
    source:
      'use-scim-to-provision-users-and-groups.md "fetch a random user and group" (entra.md §1.2, §9.3): only the Users probe was ever observed',
    default: false,
    description:
      'Test Connection also sends GET /Groups?excludedAttributes=members&filter=displayName eq "<random guid>".',
  },
  retryThrottledInRun: {
    status: "assumed",
    source:
      "howto-analyze-provisioning-logs.md: TooManyRequests is retried automatically; the schedule is not documented (entra.md §1.12, §9.8)",
    default: true,
    description:
      "A 429 or 5xx answer is retried twice at once in the same run; if it still fails the object is escrowed.",
  },
  escrowRetryEveryCycle: {
    status: "assumed",
    source:
      "application-provisioning-quarantine-status.md: escrow retries after 6h, 12h, 24h, then daily for 28 days (entra.md §1.12)",
    default: true,
    description:
      "Escrowed objects are retried in every later cycle (convenient for scenarios). Off: the documented 6h/12h/24h/daily schedule on the injected clock; dropped after 28 days.",
  },
  disableSendsOnlyActive: {
    status: "assumed",
    source:
      "how-provisioning-works.md: a disable sets active false (entra.md §1.7); other attributes not documented",
    default: true,
    description:
      "When a user goes out of scope, the PATCH carries only `active`; other changed attributes are not exported.",
  },
  skipOutOfScopeOnlyForScopeExits: {
    status: "assumed",
    source: "skip-out-of-scope-deletions.md (entra.md §1.7) names out-of-scope users only",
    default: true,
    description:
      "SkipOutOfScopeDeletions suppresses the disable of unassigned or filtered-out users only; a soft delete or accountEnabled false still disables.",
  },
  managerRemoveOnClear: {
    status: "observed",
    source: 'scim-patch #453: remove with path manager[value eq "id"] (entra.md §1.6)',
    default: false,
    description:
      'When the manager is cleared, send `Remove` with path `<enterprise URN>:manager[value eq "<old id>"]`. Off: nothing is sent (the documented null rule).',
  },
  groupOutOfScopeDeletes: {
    status: "assumed",
    source: "not documented for SCIM groups (entra.md §9.13); Immuta documents that groups are removed",
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
