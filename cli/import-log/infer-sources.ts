import { defaultObjectMapping } from "../../emulator/entra/index.ts";

/** Where a target attribute's value comes from, as far as the log tells. */
export type SourceGuess =
  /** A template mapping: the value sets this Graph user property (string or the first of a list). */
  | { kind: "template"; property: string; list: boolean }
  /** Computed by a template expression (active, name.formatted): not a user value. */
  | { kind: "computed" }
  /** Not in the template: a mapping and a source must be added, the source guessed. */
  | { kind: "custom"; source: string; property: string; list: boolean; guessed: string };

/** Provisioning source names that read another Graph property (legacy Azure AD Graph names). */
const GRAPH_PROPERTY: Record<string, { property: string; list: boolean }> = {
  telephoneNumber: { property: "businessPhones", list: true },
  mobile: { property: "mobilePhone", list: false },
  facsimileTelephoneNumber: { property: "faxNumber", list: false },
  physicalDeliveryOfficeName: { property: "officeLocation", list: false },
};

/** The directory extension placeholder: a custom source is most often `extension_<appId>_<name>`. */
export const PLACEHOLDER_APP_ID = "0".repeat(32);

/**
 * What the non-gallery template maps to a target (https://learn.microsoft.com/entra/identity/app-provisioning/customize-application-attributes),
 * or a guess for a target it does not map. A target that got several values (SchemaPropertyCanOnlyAcceptValue)
 * is guessed to come from `proxyAddresses`, the multi-valued source customers map most.
 */
export function inferSource(target: string, multiValued: boolean): SourceGuess {
  const mapping = defaultObjectMapping("User").mappings.find(
    (item) => item.target.toLowerCase() === target.toLowerCase(),
  );
  if (mapping?.source.type === "Direct") {
    const name = mapping.source.attribute;
    if (name === "manager") return { kind: "computed" };
    const graph = Object.hasOwn(GRAPH_PROPERTY, name) ? GRAPH_PROPERTY[name] : undefined;
    return { kind: "template", property: graph?.property ?? name, list: graph?.list ?? false };
  }
  if (mapping) return { kind: "computed" };
  if (multiValued)
    return {
      kind: "custom",
      source: "proxyAddresses",
      property: "proxyAddresses",
      list: true,
      guessed:
        "the log says the source has several values: a multi-valued source such as proxyAddresses or an expression such as Split(...)",
    };
  const name = (target.split(":").at(-1) ?? target).replace(/[^A-Za-z0-9_]/g, "_");
  const source = `extension_${PLACEHOLDER_APP_ID}_${name}`;
  return {
    kind: "custom",
    source,
    property: source,
    list: false,
    guessed: "the log names only the target; the source here is a placeholder directory extension",
  };
}
