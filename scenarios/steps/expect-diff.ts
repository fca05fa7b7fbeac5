import type { World } from "../world/build-world.ts";

/** One checked expectation: what was expected, what was found, and lines that explain a failure. */
export type ExpectationResult = {
  ok: boolean;
  /** The expectation as a line, e.g. `entraid.zipcode = ["98052"] (got nothing)`. */
  what: string;
  expected: unknown;
  actual: unknown;
  /** For a failure: the diff and where the value is in Immuta. */
  detail: string[];
};

type JsonObject = Record<string, unknown>;

/**
 * The diffs of one user's attribute expectations: for a key, `-` expected, `+` what Immuta holds,
 * the user's whole `iamAuthorizations` and where the attribute sits on the stored SCIM resource.
 * The resource is fetched once, at the first failing key, however many keys fail.
 */
export function attributeDiffer(
  world: World,
  user: { iam: string; userName: string },
  held: Record<string, string[]>,
): (key: string, expected: string[] | undefined) => Promise<string[]> {
  let stored: Promise<JsonObject | undefined> | undefined;
  const config = world.immuta.state.iam(user.iam)?.config;
  const resource = () =>
    (stored ??= config ? storedResource(world, config, user.userName) : Promise.resolve(undefined));
  return async (key, expected) => {
    const actual = Object.hasOwn(held, key) ? held[key] : undefined;
    const lines = [
      expected === undefined ? `- ${key} absent` : `- ${key}: ${JSON.stringify(expected)}`,
      actual === undefined ? `+ ${key} absent` : `+ ${key}: ${JSON.stringify(actual)}`,
      `iamAuthorizations: ${JSON.stringify(held)}`,
    ];
    return [...lines, ...(await scimLocation(world, { ...user, key }, resource))];
  };
}

/** Where the attribute named by `<prefix>.<name>` is on the SCIM resource Immuta stored. */
async function scimLocation(
  world: World,
  query: { iam: string; userName: string; key: string },
  stored: () => Promise<JsonObject | undefined>,
): Promise<string[]> {
  const iam = world.immuta.state.iam(query.iam);
  if (!iam) return [];
  const resource = await stored();
  if (!resource) return [`SCIM resource: ${query.userName} not found under ${iam.config.scimPath}`];
  const dot = query.key.indexOf(".");
  const prefix = dot < 0 ? "" : query.key.slice(0, dot);
  const name = query.key.slice(dot + 1);
  const rows = iam.config.attributeSchema.filter((row) => row.prefix === prefix);
  const found = findMember(resource, name);
  const lines = rows.map((row) => `row ${row.scimSchema} → prefix ${row.prefix}`);
  if (rows.length === 0)
    lines.push(`no attribute-schema row of IAM '${iam.config.id}' has prefix '${prefix}'`);
  lines.push(
    found.length === 0
      ? `SCIM resource: no attribute '${name}' on the stored user`
      : `SCIM resource: ${found.map(([path, value]) => `${path} = ${JSON.stringify(value)}`).join("; ")}`,
  );
  return lines;
}

async function storedResource(
  world: World,
  config: { scimPath: string; scimToken: string },
  userName: string,
): Promise<JsonObject | undefined> {
  const filter = encodeURIComponent(`userName eq "${userName.replaceAll('"', '\\"')}"`);
  const response = await world.immutaFetch(
    new Request(`${world.immutaOrigin}${config.scimPath}/Users?filter=${filter}`, {
      headers: { authorization: `Bearer ${config.scimToken}` },
    }),
  );
  if (response.status !== 200) return undefined;
  const body = (await response.json()) as { Resources?: JsonObject[] };
  return body.Resources?.[0];
}

/** Every member named `name` (case-insensitive, as SCIM names are) at the top level or in an extension. */
function findMember(resource: JsonObject, name: string): [string, unknown][] {
  const wanted = name.toLowerCase();
  const found: [string, unknown][] = [];
  for (const [key, value] of Object.entries(resource)) {
    if (key.toLowerCase() === wanted) found.push([key, value]);
    if (key.startsWith("urn:") && value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [inner, item] of Object.entries(value as JsonObject))
        if (inner.toLowerCase() === wanted) found.push([`${key}:${inner}`, item]);
    }
  }
  return found;
}
