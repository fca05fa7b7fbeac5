import { describe, expect, it } from "../harness/case-api.ts";
import { createScimClient, entraUserBody, uniqueUserName, URNS, type Json } from "./scim-client.ts";
import type { ScimTarget } from "./scim-target.ts";

const DISCOVERY = {
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
} as const;

/**
 * Discovery (RFC 7644 §4) is consistent with itself and with what the endpoint does: every schema
 * a resource type names can be fetched, and what ServiceProviderConfig claims holds.
 */
export function describeDiscoveryContract(target: () => ScimTarget): void {
  describe("SCIM discovery", () => {
    const scim = createScimClient(target);

    it("describes the service provider (RFC 7643 §5)", async () => {
      const answer = await scim.get("/ServiceProviderConfig");
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toMatch(/^application\/scim\+json/);
      expect(answer.body.schemas).toContain(DISCOVERY.serviceProviderConfig);
      for (const feature of ["patch", "bulk", "filter", "changePassword", "sort", "etag"])
        expect(typeof answer.body[feature]?.supported, feature).toBe("boolean");
      expect(answer.body.patch.supported).toBe(true);
      expect(answer.body.filter.supported).toBe(true);
      expect(answer.body.filter.maxResults).toBeGreaterThan(0);
      expect(answer.body.authenticationSchemes.length).toBeGreaterThan(0);
    });

    it("backs an etag claim with ETag headers and meta.version", async () => {
      const config = (await scim.get("/ServiceProviderConfig")).body;
      if (config.etag.supported !== true) return;
      const user = await scim.create("/Users", entraUserBody(uniqueUserName("etag")));
      expect(typeof user.meta.version).toBe("string");
      const read = await scim.get(`/Users/${user.id}`);
      expect(read.headers.get("etag")).toBe(read.body.meta.version);
    });

    it("lists the User and Group resource types", async () => {
      const answer = await scim.get("/ResourceTypes");
      expect(answer.status).toBe(200);
      const types: Json[] = answer.body.Resources ?? answer.body;
      const byName = Object.fromEntries(types.map((type) => [type.name, type]));
      expect(byName.User).toMatchObject({ endpoint: "/Users", schema: URNS.user });
      expect(byName.Group).toMatchObject({ endpoint: "/Groups", schema: URNS.group });
      for (const type of types) expect(type.schemas).toContain(DISCOVERY.resourceType);
    });

    it.each(["User", "Group"])("returns the %s resource type by id", async (id) => {
      const answer = await scim.get(`/ResourceTypes/${id}`);
      expect(answer.status).toBe(200);
      expect(answer.body.id).toBe(id);
    });

    it("serves every schema a resource type names at /Schemas/{id}", async () => {
      const types: Json[] = (await scim.get("/ResourceTypes")).body.Resources;
      const urns = types.flatMap((type): unknown[] => [
        type.schema,
        ...((type.schemaExtensions ?? []) as Json[]).map((extension): unknown => extension.schema),
      ]);
      expect(urns).toContain(URNS.enterprise);
      for (const urn of urns) {
        const answer = await scim.get(`/Schemas/${encodeURIComponent(String(urn))}`);
        expect(answer.status, String(urn)).toBe(200);
        expect(answer.body.id).toBe(urn);
        expect(answer.body.schemas).toContain(DISCOVERY.schema);
        expect(Array.isArray(answer.body.attributes)).toBe(true);
      }
    });

    it("describes userName as a unique, case-insensitive, required string (RFC 7643 §4.1.1)", async () => {
      const answer = await scim.get(`/Schemas/${URNS.user}`);
      const userName = (answer.body.attributes as Json[]).find((attribute) => attribute.name === "userName");
      expect(userName).toMatchObject({
        type: "string",
        required: true,
        caseExact: false,
        uniqueness: "server",
      });
    });

    it("declares the custom extension attributes a stored user carries", async () => {
      const extension = scim.extension();
      const types: Json[] = (await scim.get("/ResourceTypes")).body.Resources;
      const user = types.find((type) => type.name === "User");
      const named = ((user?.schemaExtensions ?? []) as Json[]).some(
        (entry) => String(entry.schema).toLowerCase() === extension.toLowerCase(),
      );
      // A target that does not name the extension in its User resource type has no entry to check.
      if (!named) return;
      await scim.create(
        "/Users",
        entraUserBody(uniqueUserName("schema"), { [extension]: { zipcode: "98052" } }),
      );
      const answer = await scim.get(`/Schemas/${encodeURIComponent(extension)}`);
      const names = (answer.body.attributes as Json[]).map((attribute) =>
        String(attribute.name).toLowerCase(),
      );
      expect(names).toContain("zipcode");
    });

    it("answers 404 for an unknown schema", async () => {
      const answer = await scim.get("/Schemas/urn:example:unknown:2.0:Nothing");
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ schemas: [URNS.error], status: "404" });
    });
  });
}
