import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImmutaClient } from "./support/immuta-client.ts";

const segment = fc.oneof(
  fc.constantFrom(
    "bim",
    "iam",
    "entra",
    "user",
    "group",
    "authorizations",
    "disable",
    "groups",
    "1",
    "alice@contoso.com",
  ),
  fc.constantFrom(
    "_synclab",
    "immuta",
    "iams",
    "reset",
    "journal.har",
    "assumptions",
    "apikey",
    "authenticate",
  ),
  fc.constantFrom(
    "%",
    "%E0%A4%A",
    "%00",
    "..",
    "__proto__",
    "constructor",
    "%2F",
    "true",
    "-1",
    "99999999999999999999",
  ),
  fc.string({ maxLength: 8 }).map(encodeURIComponent),
);
const query = fc.array(
  fc.tuple(
    fc.constantFrom(
      "size",
      "offset",
      "sortField",
      "sortOrder",
      "includeDisabled",
      "iamid",
      "userid",
      "name",
      "email",
      "userId",
    ),
    fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("0", "-1", "1e3", "NaN", "true", "asc")),
  ),
  { maxLength: 3 },
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('{"__proto__": {"x": 1}}', '{"assumptions": {"constructor": 1}}', "[", '{"apikey": null}'),
);

describe("Immuta REST and control API on malformed input", () => {
  it("never answers with a 5xx", async () => {
    const client = new ImmutaClient();
    const id = await client.createUser("alice@contoso.com");
    await client.createGroup("Analysts", [id]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "PUT", "POST", "DELETE", "PATCH"),
        fc.oneof(
          fc.array(segment, { minLength: 1, maxLength: 8 }).map((parts) => `/bim/${parts.join("/")}`),
          fc
            .array(segment, { minLength: 1, maxLength: 3 })
            .map((parts) => `/_synclab/immuta/${parts.join("/")}`),
          fc.array(segment, { minLength: 0, maxLength: 6 }).map((parts) => `/${parts.join("/")}`),
        ),
        query,
        body,
        async (method, path, params, payload) => {
          const search = new URLSearchParams(params).toString();
          const init = method === "GET" || payload === undefined ? {} : { body: payload };
          const reply = await client.request(method, `${path}${search ? `?${search}` : ""}`, init);
          expect(reply.status).toBeLessThan(500);
        },
      ),
    );
  });
});
