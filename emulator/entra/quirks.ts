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
} as const;

export type QuirkName = keyof typeof QUIRKS;
export type Quirks = { [K in QuirkName]: boolean };

export function defaultQuirks(): Quirks {
  return Object.fromEntries(Object.entries(QUIRKS).map(([name, quirk]) => [name, quirk.default])) as Quirks;
}
