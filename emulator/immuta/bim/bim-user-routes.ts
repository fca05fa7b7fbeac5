import type { Hono } from "hono";
import { compareKeys, containsIgnoringCase, parseBimPage, parseBoolean } from "./bim-query.ts";
import { findIam, findUser, groupsOf } from "./find-immuta-model.ts";
import { ImmutaApiError } from "../immuta-api-error.ts";
import type { Iam, ImmutaState } from "../model/immuta-state.ts";
import { renderImmutaGroup } from "./render-immuta-group.ts";
import { immutaEmailOf, immutaNameOf, renderImmutaUser } from "./render-immuta-user.ts";
import { StoredUser } from "../model/stored-user.ts";
import type { ImmutaUser } from "../model/user-store.ts";

/** `sortField` values of `GET /bim/user` (v1 Swagger). */
const USER_SORT_FIELDS = ["name", "createdAt", "iamid", "email", "username", "lastLogin"] as const;
type UserSortField = (typeof USER_SORT_FIELDS)[number];

/**
 * User reads and the disable switch of Immuta's REST API (v1 API Swagger; "Manage IAMs",
 * https://documentation.immuta.com/saas/developer-guides/api-intro/immuta-v1-api/configure-your-instance-of-immuta/bim).
 */
export function registerBimUserRoutes(app: Hono, state: ImmutaState): void {
  app.get("/bim/user", (c) => {
    const params = new URL(c.req.url).searchParams;
    const page = parseBimPage(params, USER_SORT_FIELDS);
    const iamid = params.get("iamid");
    if (iamid !== null) findIam(state, iamid);
    const includeDisabled = parseBoolean(params, "includeDisabled", false);
    const [userid, email, name] = [params.get("userid"), params.get("email"), params.get("name")];
    const candidates = state
      .iams()
      .filter((iam) => iamid === null || iam.config.id === iamid)
      .flatMap((iam) => [...iam.users.all()].map((user) => ({ iam, user })))
      .filter(({ user }) => (includeDisabled || !user.disabled) && containsIgnoringCase(user.userid, userid));
    // Names and emails are read from the SCIM resource: only when a filter or the sort needs them.
    const rows: UserRow[] =
      email === null && name === null && page.sortField === null
        ? inIdOrder(candidates)
        : sortedRows(
            candidates
              .map(({ iam, user }) => toRow(iam, user))
              .filter(
                (row) => containsIgnoringCase(row.email, email) && containsIgnoringCase(row.name, name),
              ),
            page,
          );
    return c.json({
      hits: rows.slice(page.offset, page.offset + page.size).map((row) => render(row.iam, row.user)),
      count: rows.length,
    });
  });

  app.get("/bim/iam/:iamid/user/:userid", (c) => {
    const { iam, user } = findUser(state, c.req.param("iamid"), c.req.param("userid"));
    return c.json(render(iam, user));
  });

  app.get("/bim/iam/:iamid/user/:userid/groups", (c) => {
    const { iam, user } = findUser(state, c.req.param("iamid"), c.req.param("userid"));
    const groups = groupsOf(iam, user)
      .sort((left, right) => left.immutaId - right.immutaId)
      .map((group) => renderImmutaGroup(state, group));
    return c.json({ hits: groups, count: groups.length });
  });

  // "Disables / enables the specified BIM user" (v1 Swagger). Assumed: this is Immuta-side state only;
  // the stored SCIM resource keeps its `active`, and the next SCIM write sets `disabled` from it again.
  app.put("/bim/iam/:iamid/user/:userid/disable/:disable", (c) => {
    const disable = c.req.param("disable");
    if (disable !== "true" && disable !== "false") {
      throw new ImmutaApiError(400, "disable must be true or false");
    }
    const { iam, user } = findUser(state, c.req.param("iamid"), c.req.param("userid"));
    const updated = StoredUser.with(user, { disabled: disable === "true" });
    iam.users.put(updated);
    return c.json(render(iam, updated));
  });

  function render(iam: Iam, user: ImmutaUser) {
    const groupIds = groupsOf(iam, user).map((group) => group.immutaId);
    return renderImmutaUser(user, iam.config, groupIds);
  }
}

type UserRow = { iam: Iam; user: ImmutaUser };
type NamedRow = UserRow & { name: string; email: string | null };

const byId = (left: UserRow, right: UserRow) => left.user.immutaId - right.user.immutaId;

/**
 * Immuta id order, so that paging with offset is stable. Users are stored in creation order, which
 * is Immuta id order, so the plain listing is checked in one pass rather than sorted per request.
 */
function inIdOrder(rows: UserRow[]): UserRow[] {
  return rows.some((row, index) => index > 0 && byId(rows[index - 1] as UserRow, row) > 0)
    ? rows.sort(byId)
    : rows;
}

/** Sorted by the page's field (then Immuta id); without a sortField, in Immuta id order. */
function sortedRows(
  rows: NamedRow[],
  page: { sortField: UserSortField | null; sortOrder: string },
): NamedRow[] {
  const field = page.sortField;
  if (field === null) return inIdOrder(rows) as NamedRow[];
  const direction = page.sortOrder === "desc" ? -1 : 1;
  return rows.sort(
    (left, right) =>
      direction * compareKeys(sortKey(left, field), sortKey(right, field)) || byId(left, right),
  );
}

function toRow(iam: Iam, user: ImmutaUser): NamedRow {
  return { iam, user, name: immutaNameOf(user), email: immutaEmailOf(user) };
}

function sortKey(row: NamedRow, field: UserSortField): string | number | null {
  switch (field) {
    case "name":
      return row.name.toLowerCase();
    case "email":
      return row.email?.toLowerCase() ?? null;
    case "username":
      return row.user.userid.toLowerCase();
    case "iamid":
      return row.user.iamid;
    case "createdAt":
      return row.user.created;
    case "lastLogin":
      // SCIM-provisioned users never log in to the fake.
      return null;
  }
}
