import type { Hono } from "hono";
import { compareKeys, containsIgnoringCase, parseBimPage } from "./bim-query.ts";
import { findGroupById, findIam } from "./find-immuta-model.ts";
import type { ImmutaGroup } from "../model/group-store.ts";
import type { ImmutaState } from "../model/immuta-state.ts";
import { renderImmutaGroup } from "./render-immuta-group.ts";
import { immutaEmailOf, immutaNameOf } from "./render-immuta-user.ts";

/** Assumed: the Swagger lists `sortField` for groups without its values; these two are what the fake sorts by. */
const GROUP_SORT_FIELDS = ["name", "createdAt"] as const;

/** Group reads of Immuta's REST API (v1 API Swagger, `/bim/group` paths): search, one group, its members. */
export function registerBimGroupRoutes(app: Hono, state: ImmutaState): void {
  app.get("/bim/group", (c) => {
    const params = new URL(c.req.url).searchParams;
    const page = parseBimPage(params, GROUP_SORT_FIELDS);
    const iamid = params.get("iamid");
    if (iamid !== null) findIam(state, iamid);
    const name = params.get("name");
    const member = params.get("userId") ?? params.get("userid");
    const groups = state
      .iams()
      .filter((iam) => iamid === null || iam.config.id === iamid)
      .flatMap((iam) =>
        [...iam.groups.all()].filter((group) => {
          if (!containsIgnoringCase(group.displayName, name)) return false;
          if (member === null) return true;
          const user = iam.users.getByUserName(member);
          return user !== undefined && group.members.has(user.scimId);
        }),
      );
    const direction = page.sortOrder === "desc" ? -1 : 1;
    const field = page.sortField;
    groups.sort(
      (left, right) =>
        direction * (field === null ? 0 : compareKeys(sortKey(left, field), sortKey(right, field))) ||
        left.immutaId - right.immutaId,
    );
    return c.json({
      hits: groups
        .slice(page.offset, page.offset + page.size)
        .map((group) => renderImmutaGroup(state, group)),
      count: groups.length,
    });
  });

  app.get("/bim/group/:groupId", (c) => {
    const { group } = findGroupById(state, c.req.param("groupId"));
    return c.json(renderImmutaGroup(state, group));
  });

  // Assumed shape: the v1 Swagger's group-member records (`userid, iamid, disabled, scimid`), paged like a search.
  app.get("/bim/group/:groupId/user", (c) => {
    const { iam, group } = findGroupById(state, c.req.param("groupId"));
    const page = parseBimPage(new URL(c.req.url).searchParams, [] as const);
    const members = [...group.members]
      .map((scimId) => iam.users.get(scimId))
      .filter((user) => user !== undefined)
      .sort((left, right) => left.immutaId - right.immutaId)
      .map((user) => ({
        id: user.immutaId,
        iamid: user.iamid,
        userid: user.userid,
        name: immutaNameOf(user),
        email: immutaEmailOf(user),
        disabled: user.disabled,
        scimid: user.scimId,
        groupId: group.immutaId,
      }));
    return c.json({ hits: members.slice(page.offset, page.offset + page.size), count: members.length });
  });
}

function sortKey(group: ImmutaGroup, field: (typeof GROUP_SORT_FIELDS)[number]): string {
  return field === "name" ? group.displayName.toLowerCase() : group.created;
}
