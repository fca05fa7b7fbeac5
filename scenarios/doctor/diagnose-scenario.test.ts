import { describe, expect, it } from "vitest";
import { parseScenario } from "../loader/load-scenario.ts";
import { diagnoseScenario, examineScenario, FINDING_CODES, type FindingCode } from "./diagnose-scenario.ts";

const ZIP = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

type Options = {
  target?: string;
  mapping?: string;
  multiValued?: boolean;
  row?: string;
  extraRow?: string;
  syncAttributes?: boolean;
  assumptions?: string;
  app?: string;
  defaults?: boolean;
  user?: string;
  steps?: string;
  listed?: boolean;
};

/** The seed example's configuration; each case changes one part of it. */
function scenario({
  target = `${ZIP}:zipcode`,
  mapping = "source: postalCode",
  multiValued = false,
  row = ZIP,
  extraRow = "",
  syncAttributes = true,
  assumptions = "{}",
  app = "",
  defaults = true,
  user = "",
  steps = "",
  listed = true,
}: Options = {}): string {
  return `name: doctor case
entra:
  app:
${app}    users:
      defaultMappings: ${String(defaults)}
      attributes:
        - name: "${listed ? target : `${ZIP}:other`}"
          multiValued: ${String(multiValued)}
      mappings:
        - target: "${target}"
          ${mapping}
  users:
    - userPrincipalName: alice@contoso.com
${user}immuta:
  iams:
    - id: entra
      syncAttributes: ${String(syncAttributes)}
      assumptions: ${assumptions}
      attributeSchema:
        - scimSchema: "${row}"
          prefix: entraid_attributes
${extraRow}${steps}`;
}

const codes = (text: string): FindingCode[] =>
  diagnoseScenario(parseScenario(text)).map((finding) => finding.code);

const CASES: [string, Options, FindingCode][] = [
  [
    "a custom attribute not named by the URN pattern",
    { target: "custom:zipcode", row: "custom" },
    "non-urn-custom-attribute",
  ],
  [
    "an extension no row maps",
    { row: "urn:ietf:params:scim:schemas:extension:other:2.0:User" },
    "extension-without-row",
  ],
  ["a row holding the whole attribute URN", { row: `${ZIP}:zipcode` }, "row-holds-attribute-urn"],
  ["a row differing in case only", { row: ZIP.replace("custom", "Custom") }, "row-case-mismatch"],
  [
    "a row that maps nothing",
    {
      extraRow:
        "        - scimSchema: urn:ietf:params:scim:schemas:extension:unused:2.0:User\n          prefix: unused\n",
    },
    "row-maps-nothing",
  ],
  ["sync attributes off", { syncAttributes: false }, "sync-attributes-off"],
  ["a multi-valued custom attribute", { multiValued: true }, "multi-valued-custom-attribute"],
  [
    "a tenant URL that is no IAM's",
    { app: "    tenantUrl: http://immuta.synclab.test/bim/scim/other\n" },
    "tenant-url-no-iam",
  ],
  ["a secret token that is not the IAM's", { app: "    secretToken: wrong\n" }, "secret-token-mismatch"],
  [
    "the aadOptscim062020 flag",
    { app: "    tenantUrl: http://immuta.synclab.test/bim/scim/entra?aadOptscim062020\n" },
    "flag-not-on-demand",
  ],
  ["no matching attribute", { defaults: false }, "no-matching-attribute"],
  [
    "a non-URN custom attribute without a row for its top level",
    { target: "custom:zipcode" },
    "non-urn-attribute-no-row",
  ],
  [
    "a row for the enterprise extension",
    { target: `${ENTERPRISE}:department`, row: ENTERPRISE, mapping: "source: department" },
    "enterprise-extension-row",
  ],
  ["a target missing from the attribute list", { listed: false }, "target-not-in-attribute-list"],
  [
    "a Join into a single-valued target",
    { mapping: 'expression: Join(",", [postalCode], [city])' },
    "join-into-single-value",
  ],
  [
    "a Split into a single-valued target",
    { mapping: 'expression: Split([postalCode], ",")' },
    "multiple-values-into-single-value",
  ],
  [
    "IIF over a source a step clears",
    {
      mapping: 'expression: IIF([city] = "Oslo", [postalCode], "0")',
      steps: "steps:\n  - cycle: initial\n  - updateUser: { user: alice@contoso.com, set: { city: null } }\n",
    },
    "conditional-over-empty-input",
  ],
  [
    "a mapped source a step clears",
    {
      user: '      postalCode: "98052"\n',
      steps:
        "steps:\n  - cycle: initial\n  - updateUser: { user: alice@contoso.com, set: { postalCode: null } }\n",
    },
    "source-cleared-by-step",
  ],
  [
    "a mapped source empty for a provisioned user",
    { steps: "steps:\n  - provision: alice@contoso.com\n" },
    "source-empty-for-user",
  ],
  [
    "an apply-on-create mapping whose source a step changes",
    {
      mapping: "source: postalCode\n          apply: onCreate",
      user: '      postalCode: "98052"\n',
      steps:
        'steps:\n  - cycle: initial\n  - updateUser: { user: alice@contoso.com, set: { postalCode: "0150" } }\n',
    },
    "apply-on-create-source-changes",
  ],
];

describe("diagnoseScenario", () => {
  it("finds nothing wrong with the seed example", () => {
    expect(codes(scenario())).toEqual([]);
  });

  it.each(CASES)("reports %s", (_, options, code) => {
    expect(codes(scenario(options))).toContain(code);
  });

  it("has a case for every finding code", () => {
    expect(new Set(CASES.map(([, , code]) => code))).toEqual(new Set(FINDING_CODES));
  });

  it("makes a case mismatch an error only when Immuta compares URNs exactly", () => {
    const severity = (assumptions: string) =>
      diagnoseScenario(parseScenario(scenario({ row: ZIP.replace("custom", "Custom"), assumptions })))[0]
        ?.severity;
    expect(severity("{}")).toBe("warning");
    expect(severity("{schemaUrnMatch: exact}")).toBe("error");
  });

  it("points each finding at the part of the scenario that causes it", () => {
    const [finding] = diagnoseScenario(parseScenario(scenario({ row: `${ZIP}:zipcode` })));
    expect(finding?.path).toEqual(["immuta", "iams", 0, "attributeSchema", 0]);
  });

  it("predicts that a second spelling of an extension URN lands under the first, as Entra sends both in one object", () => {
    const cased = ZIP.replace("custom", "Custom");
    const text = `name: two spellings
entra:
  app:
    users:
      defaultMappings: false
      mappings:
        - { target: userName, source: userPrincipalName, matchingPriority: 1 }
        - { target: "${cased}:region", source: city }
        - { target: "${ZIP}:zipcode", source: postalCode }
  users:
    - { userPrincipalName: alice@contoso.com, city: Seattle, postalCode: "98052" }
immuta:
  iams:
    - id: entra
      assumptions: { schemaUrnMatch: exact }
      attributeSchema: [{ scimSchema: "${ZIP}", prefix: entraid_attributes }]
`;
    const keys = Object.fromEntries(
      examineScenario(parseScenario(text)).landings.map((landing) => [landing.target, landing.keys]),
    );
    expect(keys).toEqual({ [`${cased}:region`]: [], [`${ZIP}:zipcode`]: [] });
  });
});
