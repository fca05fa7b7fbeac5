import { api, command, field, h, header, replace, statusLine, table } from "./dom.js";

/** People: the Immuta users of every IAM. */
export async function renderImmutaUsers(view) {
  const { hits } = await api("GET", "/api/immuta/bim/user?includeDisabled=true&size=1000");
  replace(
    view,
    header("People", "Immuta users (GET /bim/user)"),
    table(
      ["Name", "User ID", "IAM", "Email", "Status", "Attributes"],
      hits.map((user) => [
        h(
          "a",
          { href: `#/immuta/users/${encodeURIComponent(user.iamid)}/${encodeURIComponent(user.userid)}` },
          user.profile?.name ?? user.userid,
        ),
        user.userid,
        user.iamDisplayName ?? user.iamid,
        user.profile?.email ?? "",
        user.disabled ? "Disabled" : "Enabled",
        String(Object.keys(user.authorizations ?? {}).length),
      ]),
      { label: "Immuta users", empty: "No users yet: provision one from Entra (Provision on demand)." },
    ),
  );
}

/** Attribute lines `key = value`, one per value. */
function attributeTable(map, label, empty) {
  const rows = Object.entries(map ?? {}).flatMap(([key, values]) =>
    values.map((value) => ({
      attributes: { "data-key": key },
      cells: [h("code", {}, key), h("code", {}, value)],
    })),
  );
  return table(["Attribute", "Value"], rows, { label, empty, class: "grid compact" });
}

/** The attributes under each prefix of the IAM's attribute schema (a key without a prefix goes last). */
function byPrefix(map, iam) {
  const prefixes = (iam?.attributeSchema ?? []).map((row) => row.prefix);
  const groups = new Map(prefixes.map((prefix) => [prefix, {}]));
  const other = {};
  for (const [key, values] of Object.entries(map ?? {})) {
    const prefix = prefixes.find((candidate) => key.startsWith(`${candidate}.`));
    if (prefix === undefined) other[key] = values;
    else groups.get(prefix)[key] = values;
  }
  if (Object.keys(other).length) groups.set("(no prefix of this IAM)", other);
  return [...groups];
}

/** A user's page; its Settings tab shows IAM attributes by prefix, those set in Immuta, and the union. */
export async function renderImmutaUser(view, context) {
  const [iamid, userid] = context.params;
  const base = `/api/immuta/bim/iam/${encodeURIComponent(iamid)}/user/${encodeURIComponent(userid)}`;
  const [user, iams] = await Promise.all([api("GET", base), api("GET", "/api/immuta/_synclab/immuta/iams")]);
  const iam = iams.find((candidate) => candidate.id === iamid);
  const status = statusLine();
  const change = async (method, attribute, item) => {
    try {
      await api(
        method,
        `${base}/authorizations/${encodeURIComponent(attribute)}/${encodeURIComponent(item)}`,
        {},
      );
      await renderImmutaUser(view, context);
    } catch (error) {
      status.fail(error);
    }
  };
  replace(
    view,
    header(
      user.profile?.name ?? userid,
      `${userid} · IAM ${user.iamDisplayName ?? iamid} · ${user.disabled ? "disabled" : "enabled"}`,
      h("a", { class: "button", href: `#/flow/${encodeURIComponent(userid)}` }, "Attribute flow"),
    ),
    h(
      "div",
      { class: "tabs", role: "tablist", "aria-label": "User tabs" },
      h("span", { role: "tab", "aria-selected": "true", class: "tab" }, "Settings"),
    ),
    h(
      "section",
      { class: "settings", role: "tabpanel", "aria-label": "Settings" },
      h("h2", {}, "Attributes from the IAM"),
      h(
        "p",
        { class: "hint" },
        "iamAuthorizations: set by SCIM through the IAM's attribute schema; read-only here.",
      ),
      byPrefix(user.iamAuthorizations, iam).map(([prefix, map]) =>
        h(
          "div",
          { class: "prefix-group" },
          h("h3", {}, prefix),
          attributeTable(map, `IAM attributes under ${prefix}`, "No attributes under this prefix."),
        ),
      ),
      bimSection(user, change, status),
      h("h2", {}, "Effective attributes"),
      h("p", { class: "hint" }, "authorizations: the union of both, which Immuta policies use."),
      attributeTable(user.authorizations, "Effective attributes", "No attributes."),
    ),
  );
}

/** "Attributes set in Immuta" (bimAuthorizations): listed, removable, and a form to add one. */
function bimSection(user, change, status) {
  const key = h("input", { name: "key", placeholder: "department" });
  const value = h("input", { name: "value", placeholder: "Finance" });
  const rows = Object.entries(user.bimAuthorizations ?? {}).flatMap(([attribute, values]) =>
    values.map((item) => [
      h("code", {}, attribute),
      h("code", {}, item),
      command("Remove", () => change("DELETE", attribute, item)),
    ]),
  );
  const add = (event) => {
    event.preventDefault();
    if (key.value && value.value) void change("PUT", key.value, value.value);
  };
  return [
    h("h2", {}, "Attributes set in Immuta"),
    table(["Attribute", "Value", ""], rows, {
      label: "Attributes set in Immuta",
      empty: "None.",
      class: "grid compact",
    }),
    h(
      "form",
      { class: "inline-form", "aria-label": "Add attribute", onsubmit: add },
      field("Attribute", key),
      field("Value", value),
      h("button", { type: "submit" }, "Add"),
    ),
    status.element,
  ];
}
