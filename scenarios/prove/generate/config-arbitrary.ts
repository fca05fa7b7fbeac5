import fc from "fast-check";
import { ON_PREMISES_EXTENSION_ATTRIBUTES } from "../../../emulator/entra/index.ts";
import type { JsonValue } from "../../../emulator/scim/index.ts";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const ACTIVE = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")';
/** A directory extension of the app registration (customize-application-attributes: "extension_<appId>_<name>"). */
const DIRECTORY_EXTENSION = (name: string) => `extension_9d98a1b2c3d44e5f8a7b6c5d4e3f2a1b_${name}`;

/** Single-valued sources a step may change: Graph user properties and directory extensions. */
export const SETTABLE_SOURCES = [
  "postalCode",
  "city",
  "department",
  "jobTitle",
  "state",
  "country",
  "companyName",
  DIRECTORY_EXTENSION("team"),
  DIRECTORY_EXTENSION("level"),
  DIRECTORY_EXTENSION("region"),
] as const;
/** Multi-valued (string collection) sources. */
export const MULTI_SOURCES = ["proxyAddresses", "otherMails"] as const;
/** Sources set only on the user as created: a scenario step sets flat properties. */
const INITIAL_ONLY_SOURCES = ON_PREMISES_EXTENSION_ATTRIBUTES;

/** RFC 7643 §2.1 ATTRNAME = ALPHA *(nameChar), with Object.prototype member names mixed in. */
export const attributeName = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,12}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("constructor", "toString", "valueOf", "hasOwnProperty", "proto__"),
  },
);

/** `<Name>` of `urn:ietf:params:scim:schemas:extension:<Name>:2.0:User`. */
const extensionName = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,10}$/)
  .filter((name) => name.toLowerCase() !== "enterprise");

/** The prefix is free text in Immuta: spaces, dots, unicode, prototype names. */
export const prefix = fc.oneof(
  fc.constantFrom(
    "entraid_attributes",
    "constructor",
    "__proto__",
    "toString",
    "a.b",
    "with space",
    "ünï cødé",
    "日本",
  ),
  fc.string({ minLength: 1, maxLength: 12, unit: "grapheme" }).filter((text) => text.trim() !== ""),
);

/** A source value: any non-empty Unicode text (Entra skips empty ones). */
export const sourceValue = fc.string({ minLength: 1, maxLength: 12, unit: "grapheme" });
export const multiValue = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), {
  minLength: 1,
  maxLength: 3,
});

/** A generated target attribute: where it lives, its name, how it is mapped. */
type GeneratedAttribute = {
  home: number;
  name: string;
  multiValued: boolean;
  mapping: Record<string, JsonValue>;
};

const singleMapping = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(...SETTABLE_SOURCES, ...INITIAL_ONLY_SOURCES).map((source) => ({ source })),
  },
  { weight: 1, arbitrary: sourceValue.map((constant) => ({ constant })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom("ToUpper", "ToLower", "Append"),
        fc.constantFrom(...SETTABLE_SOURCES),
        fc.stringMatching(/^[a-z0-9-]{0,4}$/),
      )
      .map(([fn, source, suffix]) => ({
        expression: fn === "Append" ? `Append([${source}], "${suffix}")` : `${fn}([${source}])`,
      })),
  },
);

const generatedAttribute = (homes: number) =>
  fc
    .record({
      home: fc.nat({ max: homes - 1 }),
      name: attributeName,
      mapping: singleMapping,
      apply: fc.constantFrom("always", "always", "always", "onCreate"),
      multi: fc.option(fc.constantFrom(...MULTI_SOURCES), { freq: 5 }),
    })
    .map(({ home, name, mapping, apply, multi }): GeneratedAttribute => ({
      home,
      name,
      multiValued: multi !== null,
      mapping: { ...(multi !== null ? { source: multi } : mapping), apply },
    }));

/**
 * The other Immuta assumption switches the model follows, mostly at their defaults. `reject`
 * modes (a 400 for a whole write) are left out: the model does not follow failed exports.
 */
const iamSwitches = fc.record({
  echoExtensions: fc.constantFrom(true, true, true, false),
  multiValueAdd: fc.constantFrom("append", "append", "replace"),
  unknownAttributes: fc.constantFrom("ignore", "ignore", "store"),
  enterpriseExtensionRows: fc.constantFrom("project", "project", "ignore"),
  pathlessReplace: fc.constantFrom("apply", "apply", "without-active", "ignore"),
});

/** A case-variant of a URN as an Immuta row may spell it. */
const caseVariant = (text: string) => fc.constantFrom(text, text, text.toLowerCase(), text.toUpperCase());

/** A generated configuration as scenario input (entra.app and immuta), plus the user's initial values. */
export type GeneratedConfig = {
  scenario: Record<string, JsonValue>;
  sources: Record<string, string | string[]>;
};

/**
 * Configurations: 1-5 custom extensions plus the enterprise extension and non-URN names, 1-6
 * mapped attributes (Direct, Constant, ToUpper/ToLower/Append, multi-valued), 1-3 IAMs with rows
 * pairing the extensions (in any case) with free-text prefixes, URN comparison and the other
 * assumption switches, the flag dialect on or off.
 */
export const generatedConfig: fc.Arbitrary<GeneratedConfig> = fc
  .uniqueArray(extensionName, { minLength: 1, maxLength: 5, selector: (name) => name.toLowerCase() })
  .chain((names) => {
    const homes = [
      ...names.map((name) => `urn:ietf:params:scim:schemas:extension:${name}:2.0:User`),
      ENTERPRISE,
      "custom",
    ];
    return fc.record({
      homes: fc.constant(homes),
      attributes: fc.uniqueArray(generatedAttribute(homes.length), {
        minLength: 1,
        maxLength: 6,
        selector: (attribute) =>
          `${homes[attribute.home]?.toLowerCase() ?? ""}:${attribute.name.toLowerCase()}`,
      }),
      iams: fc.uniqueArray(
        fc.record({
          id: fc.constantFrom("entra", "okta", "second"),
          rows: fc.array(fc.record({ scimSchema: fc.constantFrom(...homes).chain(caseVariant), prefix }), {
            maxLength: 4,
          }),
          schemaUrnMatch: fc.constantFrom("case-insensitive", "exact"),
          attributeKeyCase: fc.constantFrom("keep", "keep", "lower"),
          switches: iamSwitches,
        }),
        { minLength: 1, maxLength: 3, selector: (iam) => iam.id },
      ),
      flag: fc.boolean(),
      nothingSentOnClear: fc.constantFrom(true, true, false),
      values: fc.record(
        Object.fromEntries(
          [...SETTABLE_SOURCES, ...INITIAL_ONLY_SOURCES].map((source) => [source, sourceValue]),
        ),
      ),
      multi: fc.record({ proxyAddresses: multiValue, otherMails: multiValue }),
    });
  })
  .map(({ homes, attributes, iams, flag, nothingSentOnClear, values, multi }) => {
    const targetOf = (attribute: GeneratedAttribute) =>
      attribute.home === homes.length - 1
        ? `custom:${attribute.name}`
        : `${homes[attribute.home] ?? ""}:${attribute.name}`;
    const scenario: Record<string, JsonValue> = {
      name: "Generated configuration",
      entra: {
        app: {
          ...(flag
            ? { tenantUrl: `http://immuta.synclab.test/bim/scim/${iams[0]?.id ?? "entra"}?aadOptscim062020` }
            : {}),
          quirks: { nothingSentOnClear },
          users: {
            defaultMappings: false,
            attributes: attributes.map((attribute) => ({
              name: targetOf(attribute),
              multiValued: attribute.multiValued,
            })),
            mappings: [
              { target: "userName", source: "userPrincipalName", matchingPriority: 1 },
              { target: "active", expression: ACTIVE },
              ...attributes.map((attribute) => ({ target: targetOf(attribute), ...attribute.mapping })),
            ],
          },
        },
      },
      immuta: {
        iams: iams.map((iam) => ({
          id: iam.id,
          attributeSchema: iam.rows,
          assumptions: {
            schemaUrnMatch: iam.schemaUrnMatch,
            attributeKeyCase: iam.attributeKeyCase,
            ...iam.switches,
          },
        })),
      },
    };
    return { scenario, sources: { ...values, ...multi } };
  });
