/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument --
   answers are untyped JSON from the endpoint under test, read defensively */
import type { BehaviourObservation, BehaviourProbe } from "./probe-types.ts";
import { failureOf, member, valuesOf } from "./probe-session.ts";

const judged = (holds: boolean, observed: string): BehaviourObservation =>
  holds ? { kind: "as-modelled", observed } : { kind: "otherwise", observed };

const ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";

/** The SCIM behaviours the fake models without a switch (SCIM requests only). */
export const SCIM_BEHAVIOUR_PROBES: BehaviourProbe[] = [
  {
    name: "scimPath",
    modelled: "SCIM is served at /bim/scim/{iamid} and answers Entra's Test Connection with an empty list",
    needs: "scim",
    sends: 'GET /Users?filter=userName eq "<random guid>"',
    async run(session) {
      const answer = await session.scim(
        "GET",
        `/Users?${new URLSearchParams({ filter: `userName eq "${crypto.randomUUID()}"` }).toString()}`,
      );
      if (answer.status !== 200) return failureOf(answer, "Test Connection");
      const path = new URL(session.target.scimUrl).pathname.replace(/\/+$/, "");
      const iamId = session.target.api?.iamId;
      const expected =
        iamId === undefined
          ? /^\/bim\/scim\/[^/]+$/
          : new RegExp(`^/bim/scim/${iamId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
      if (answer.body?.totalResults !== 0)
        return {
          kind: "otherwise",
          observed: `Test Connection answered totalResults ${String(answer.body?.totalResults)}`,
        };
      return judged(
        expected.test(path),
        `SCIM at ${path}${expected.test(path) ? "" : " (set the IAM's scimPath to it)"}`,
      );
    },
  },
  {
    name: "userNameUniqueness",
    modelled: "a second POST with the same userName in another case answers 409 uniqueness",
    needs: "scim",
    sends: "POST /Users, POST /Users with the userName upper-cased",
    async run(session) {
      const created = await session.createUser("unique");
      if (created.status !== 201) return failureOf(created, "POST /Users");
      const userName = String(created.body.userName);
      const again = await session.scim("POST", "/Users", {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: userName.toUpperCase(),
      });
      if (again.status === 201 && typeof again.body?.id === "string")
        session.remember(`/Users/${again.body.id}`);
      return judged(
        again.status === 409 && again.body?.scimType === "uniqueness",
        `answered ${again.status} ${String(again.body?.scimType ?? "")}`.trim(),
      );
    },
  },
  {
    name: "etags",
    modelled: "GET has an ETag equal to meta.version, a change gives a new one, a stale If-Match answers 412",
    needs: "scim",
    sends: "POST /Users, GET /Users/{id}, PATCH displayName, PATCH with If-Match <old version>",
    async run(session) {
      const created = await session.createUser("etag");
      if (created.status !== 201) return failureOf(created, "POST /Users");
      const path = `/Users/${String(created.body.id)}`;
      const before = await session.scim("GET", path);
      const etag = before.headers.get("etag");
      if (etag === null) return { kind: "otherwise", observed: "GET has no ETag header" };
      const changed = await session.patch(path, [{ op: "replace", path: "displayName", value: "Changed" }]);
      const stale = await session.patch(path, [{ op: "replace", path: "displayName", value: "Stale" }], {
        "if-match": etag,
      });
      const holds =
        etag === before.body?.meta?.version && changed.headers.get("etag") !== etag && stale.status === 412;
      return judged(
        holds,
        `ETag ${etag}, after a change ${String(changed.headers.get("etag"))}, stale If-Match answered ${stale.status}`,
      );
    },
  },
  {
    name: "groupMembership",
    modelled: "POST /Groups answers 201; PATCH add and remove members answer 204 and change the members",
    needs: "scim",
    sends:
      'POST /Users, POST /Groups, PATCH add members, GET /Groups/{id}, PATCH remove members[value eq "id"], GET /Groups/{id}',
    async run(session) {
      const user = await session.createUser("member");
      if (user.status !== 201) return failureOf(user, "POST /Users");
      const group = await session.createGroup("group");
      if (group.status !== 201) return failureOf(group, "POST /Groups");
      const id = String(user.body.id);
      const path = `/Groups/${String(group.body.id)}`;
      const added = await session.patch(path, [{ op: "add", path: "members", value: [{ value: id }] }]);
      const withMember = valuesOf(member((await session.scim("GET", path)).body, "members"));
      const removed = await session.patch(path, [{ op: "remove", path: `members[value eq "${id}"]` }]);
      const without = valuesOf(member((await session.scim("GET", path)).body, "members"));
      const holds =
        added.status === 204 && removed.status === 204 && withMember.join() === id && without.length === 0;
      return judged(
        holds,
        `add answered ${added.status} (members ${withMember.length}), remove answered ${removed.status} (members ${without.length})`,
      );
    },
  },
  {
    name: "errorShape",
    modelled:
      "errors are RFC 7644 §3.12 bodies: application/scim+json, the Error schema, status as a string, scimType",
    needs: "scim",
    sends: 'GET /Users/<random id>, GET /Users?filter=userName xx "a"',
    async run(session) {
      const missing = await session.scim("GET", `/Users/${crypto.randomUUID()}`);
      const bad = await session.scim(
        "GET",
        `/Users?${new URLSearchParams({ filter: 'userName xx "a"' }).toString()}`,
      );
      const shaped = (answer: typeof missing, status: number) =>
        answer.status === status &&
        /^application\/scim\+json/.test(answer.headers.get("content-type") ?? "") &&
        Array.isArray(answer.body?.schemas) &&
        answer.body.schemas.includes(ERROR_URN) &&
        answer.body.status === String(status);
      const holds = shaped(missing, 404) && shaped(bad, 400) && bad.body?.scimType === "invalidFilter";
      return judged(
        holds,
        `unknown id: ${missing.status} ${missing.text.slice(0, 80)}; bad filter: ${bad.status} ${bad.text.slice(0, 80)}`,
      );
    },
  },
];
