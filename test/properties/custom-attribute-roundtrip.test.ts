import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDeterministicRuntime } from "../../emulator/runtime/index.ts";
import { scenarioSchema } from "../../scenarios/index.ts";
import { buildWorld } from "../../scenarios/index.ts";

/**
 * RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA. Names that
 * collide with Object.prototype members are mixed in on purpose.
 */
const attributeName = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,20}$/),
  fc.constantFrom("constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "proto__"),
);

/** `<Name>` of `urn:ietf:params:scim:schemas:extension:<Name>:2.0:User` (https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes). */
const extensionName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/);

/** The prefix is free text in Immuta ("any name that you'd like"); a dot-free printable one here. */
const prefix = fc.stringMatching(/^[A-Za-z0-9_ -]{1,24}$/).filter((text) => text.trim() !== "");

/** Entra skips empty values, so only non-empty ones are sent; any Unicode is allowed. */
const value = fc.string({ minLength: 1, maxLength: 30, unit: "grapheme" });

/** Up to 15 custom attributes, one per onPremises extensionAttributeN source; names unique case-insensitively (SCIM). */
const attributes = fc.uniqueArray(fc.record({ name: attributeName, value }), {
  minLength: 1,
  maxLength: 15,
  selector: (attribute) => attribute.name.toLowerCase(),
});

describe("custom attributes round-trip from Entra to Immuta", () => {
  it("holds <prefix>.<name> = [value] for every mapped custom attribute after provision on demand", async () => {
    await fc.assert(
      fc.asyncProperty(extensionName, prefix, attributes, async (extension, attributePrefix, mapped) => {
        const schema = `urn:ietf:params:scim:schemas:extension:${extension}:2.0:User`;
        const onPremisesExtensionAttributes = Object.fromEntries(
          mapped.map((attribute, index) => [`extensionAttribute${index + 1}`, attribute.value]),
        );
        const user = { userPrincipalName: "pat@contoso.com", onPremisesExtensionAttributes };
        const scenario = scenarioSchema.parse({
          name: "property",
          entra: {
            app: {
              users: {
                mappings: mapped.map((attribute, index) => ({
                  target: `${schema}:${attribute.name}`,
                  source: `extensionAttribute${index + 1}`,
                })),
              },
            },
            users: [user],
          },
          immuta: {
            iams: [{ id: "entra", attributeSchema: [{ scimSchema: schema, prefix: attributePrefix }] }],
          },
        });
        const world = buildWorld(scenario, { runtime: createDeterministicRuntime(7) });
        const result = await world.app.engine.provisionOnDemand("pat@contoso.com");
        expect(result.results[0]?.log.provisioningStatusInfo.status).toBe("success");

        const response = await world.immuta.fetch(
          new Request("http://immuta.synclab.test/bim/iam/entra/user/pat@contoso.com", {
            headers: { authorization: world.apiKey },
          }),
        );
        const body = (await response.json()) as { iamAuthorizations: Record<string, string[]> };
        const expected = Object.fromEntries(
          mapped.map((attribute) => [`${attributePrefix}.${attribute.name}`, [attribute.value]]),
        );
        expect(body.iamAuthorizations).toEqual(expected);
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
