import { ScimError, type JsonObject } from "../../../scim/index.ts";
import { StoredUser } from "../../model/stored-user.ts";
import type { ImmutaUser } from "../../model/user-store.ts";
import { parseListQuery, selectAttributes } from "../list-query.ts";
import { nonUrnTopLevels, patchUserResource } from "../patch-resource.ts";
import { emptyReply, etagOf, listResponse, scimJson, type ScimReply } from "../scim-reply.ts";
import { renderUser } from "./render-user.ts";
import { bodyOf, checkIfMatch, isNotModified, type ScimExchange } from "../scim-exchange.ts";
import { findUsersPage } from "./find-users.ts";
import { applyUnknownAttributes } from "./unknown-attributes.ts";
import { assertPatchWithinLimits, parseLimitedFilter } from "../request-limits.ts";
import { assertUserShape, createUser, storeUserVersion, validateUserResource } from "./user-service.ts";

/** `/Users` and `/Users/{id}` (RFC 7644 §3.2-§3.6). */
export function handleUsers(exchange: ScimExchange, id: string | undefined): ScimReply {
  const { request, state, iam } = exchange;
  if (id === undefined) {
    if (request.method === "GET") return listUsers(exchange);
    if (request.method === "POST")
      return respondWithUser(exchange, createUser(state, iam, bodyOf(exchange)), 201);
    throw new ScimError(405, `${request.method} is not supported on /Users`);
  }
  const user = iam.users.get(id);
  if (!user || user.scimDeleted) throw new ScimError(404, `User ${id} not found`);
  switch (request.method) {
    case "GET":
      if (isNotModified(request, user.version)) return emptyReply(304, { etag: etagOf(user.version) });
      return respondWithUser(exchange, user);
    case "PUT":
      checkIfMatch(request, user.version);
      return respondWithUser(
        exchange,
        storeUserVersion(
          state,
          iam,
          user,
          applyUnknownAttributes(validateUserResource(bodyOf(exchange)), {
            config: iam.config,
            kind: "body",
          }),
        ),
      );
    case "PATCH": {
      checkIfMatch(request, user.version);
      const body = bodyOf(exchange);
      assertPatchWithinLimits(body, state.limits);
      const patched = patchUserResource(user.resource, body, iam.config.assumptions);
      const nonUrn = nonUrnTopLevels(body, iam.config.assumptions);
      const next = applyUnknownAttributes(patched, {
        config: iam.config,
        kind: "patch",
        previous: user.resource,
        nonUrn,
      });
      assertUserShape(next);
      // Entra expects 200 with the user (https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
      return respondWithUser(exchange, storeUserVersion(state, iam, user, next));
    }
    case "DELETE":
      checkIfMatch(request, user.version);
      deleteUser(exchange, user);
      return emptyReply(204);
    default:
      throw new ScimError(405, `${request.method} is not supported on /Users/{id}`);
  }
}

function respondWithUser(exchange: ScimExchange, user: ImmutaUser, status = 200): ScimReply {
  const rendered = renderUser(user, exchange.iam.config, exchange.baseUrl);
  // Without a query string there is no `attributes` selection to read (the common write).
  const query = exchange.url.search === "" ? null : parseListQuery(exchange.url);
  const body =
    query === null ? rendered : selectAttributes(rendered, query.attributes, query.excludedAttributes);
  const location = status === 201 ? { location: `${exchange.baseUrl}/Users/${user.scimId}` } : {};
  return scimJson(body, status, { etag: etagOf(user.version), ...location });
}

/**
 * Deprovision: Immuta deactivates rather than deletes users ("Deactivate users in Immuta",
 * https://documentation.immuta.com/saas/configuration/people/section-contents/how-to-guides/saml/okta-saml-scim);
 * what a SCIM DELETE does is the `deleteUser` assumption.
 */
function deleteUser(exchange: ScimExchange, user: ImmutaUser): void {
  const { iam, state } = exchange;
  iam.groups.removeMember(user.scimId, state.runtime.clock().toISOString());
  if (iam.config.assumptions.deleteUser === "delete") {
    iam.users.delete(user.scimId);
    return;
  }
  // The Immuta user stays, disabled; SCIM answers 404 for it from now on (RFC 7644 §3.6).
  iam.users.put(
    StoredUser.with(user, {
      scimDeleted: true,
      disabled: true,
      lastModified: state.runtime.clock().toISOString(),
    }),
  );
}

/** RFC 7644 §3.4.2: filter, then page; only the page is rendered for the answer. */
function listUsers(exchange: ScimExchange): ScimReply {
  const { iam, baseUrl } = exchange;
  const query = parseListQuery(exchange.url);
  const filter = query.filter === null ? null : parseLimitedFilter(query.filter, exchange.state.limits);
  const render = (user: ImmutaUser) => renderUser(user, iam.config, baseUrl);
  const from = query.startIndex - 1;
  let rendered: JsonObject[];
  let total: number;
  if (filter === null) {
    const users = [...iam.users.all()].filter((user) => !user.scimDeleted);
    rendered = users.slice(from, from + query.count).map(render);
    total = users.length;
  } else {
    // The resources the filter judged are the ones answered: each match is rendered once.
    const matches = findUsersPage(iam, { filter, render, from, count: query.count });
    rendered = matches.page;
    total = matches.users.length;
  }
  const resources = rendered.map((resource) =>
    selectAttributes(resource, query.attributes, query.excludedAttributes),
  );
  return scimJson(listResponse(resources, total, query.startIndex));
}
