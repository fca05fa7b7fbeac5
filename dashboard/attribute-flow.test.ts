import { describe, expect, it } from "vitest";
import { buildIamConfig, type IamConfigInput } from "../emulator/immuta/index.ts";
import { buildAttributeFlow, type FlowInput } from "./attribute-flow.ts";

const EXTENSION = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";
const ZIPCODE = `${EXTENSION}:zipcode`;
const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** The seed's schema, reduced to the matching attribute and the zipcode mapping. */
function schema(flowType = "Always") {
  const direct = (name: string) => ({ type: "Attribute", name, expression: `[${name}]`, parameters: [] });
  return {
    directories: [
      {
        name: "customappsso",
        objects: [{ name: ENTERPRISE_USER, attributes: [{ name: ZIPCODE, multivalued: false }] }],
      },
    ],
    synchronizationRules: [
      {
        targetDirectoryName: "customappsso",
        objectMappings: [
          {
            sourceObjectName: "User",
            targetObjectName: ENTERPRISE_USER,
            attributeMappings: [
              {
                targetAttributeName: "userName",
                matchingPriority: 1,
                flowType: "Always",
                source: direct("userPrincipalName"),
              },
              { targetAttributeName: ZIPCODE, matchingPriority: 0, flowType, source: direct("postalCode") },
            ],
          },
        ],
      },
    ],
  };
}

type Case = {
  iam?: Partial<IamConfigInput>;
  postalCode?: string | null;
  sent?: string | null;
  projected?: boolean;
  provisioned?: boolean;
  flowType?: string;
};

function flow({
  iam = {},
  postalCode = "10001",
  sent = "10001",
  projected = true,
  provisioned = true,
  flowType,
}: Case) {
  const config = buildIamConfig({
    id: "entra",
    attributeSchema: [{ scimSchema: EXTENSION, prefix: "entraid_attributes" }],
    ...iam,
  });
  const input: FlowInput = {
    schema: schema(flowType),
    tenantUrl: "http://127.0.0.1:4200/bim/scim/entra",
    ownImmuta: true,
    iams: [config],
    user: { userPrincipalName: "alice@contoso.com", postalCode },
    immutaUser: !provisioned
      ? null
      : {
          iamid: "entra",
          profile: { scim: sent === null ? {} : { [EXTENSION]: { zipcode: sent } } },
          iamAuthorizations: projected && sent !== null ? { "entraid_attributes.zipcode": [sent] } : {},
        },
  };
  const [only] = buildAttributeFlow(input);
  return only!;
}

describe("buildAttributeFlow", () => {
  it("follows the seed's zipcode from postalCode to entraid_attributes.zipcode", () => {
    const result = flow({});
    expect(result.stop).toBeNull();
    expect(result.source).toEqual({ names: ["postalCode"], values: ["10001"] });
    expect(result.row).toEqual({ iam: "entra", scimSchema: EXTENSION, prefix: "entraid_attributes" });
    expect(result.immuta).toEqual({ key: "entraid_attributes.zipcode", values: ["10001"] });
  });

  it.each<[string, Case, string, string]>([
    [
      "a row holding the whole attribute URN",
      { iam: { attributeSchema: [{ scimSchema: ZIPCODE, prefix: "p" }] } },
      "row",
      "row-holds-attribute-urn",
    ],
    ["no row for the extension", { iam: { attributeSchema: [] } }, "row", "extension-without-row"],
    ["sync attributes off", { iam: { syncAttributes: false } }, "row", "sync-attributes-off"],
    [
      "a row differing in case, compared exactly",
      {
        iam: {
          attributeSchema: [{ scimSchema: EXTENSION.toUpperCase(), prefix: "p" }],
          assumptions: { schemaUrnMatch: "exact" },
        },
      },
      "row",
      "row-case-mismatch",
    ],
    ["a user not provisioned yet", { provisioned: false }, "scim", "not-provisioned"],
    ["a change not sent yet", { sent: "98052" }, "scim", "not-sent"],
    ["a source cleared in Entra", { postalCode: null, sent: "98052" }, "source", "empty-source"],
    ["a value that arrived but was not projected", { projected: false }, "immuta", "not-projected"],
  ])("stops the value for %s", (_name, input, stage, code) => {
    expect(flow(input).stop).toMatchObject({ stage, code });
  });

  it("names the creation-only mapping as the reason a change is not sent", () => {
    expect(flow({ sent: "98052", flowType: "ObjectAddOnly" }).stop?.reason).toContain(
      "only during object creation",
    );
  });
});
