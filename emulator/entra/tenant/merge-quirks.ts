import { defaultQuirks, type Quirks } from "../quirks.ts";

/** The default quirks with the given switches flipped (undefined keeps the default). */
export function mergeQuirks(overrides: { [K in keyof Quirks]?: boolean | undefined }): Quirks {
  const quirks = defaultQuirks();
  for (const [name, value] of Object.entries(overrides)) {
    if (value !== undefined && Object.hasOwn(quirks, name)) quirks[name as keyof Quirks] = value;
  }
  return quirks;
}
