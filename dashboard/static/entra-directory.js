import { api, command, field, h, header, replace, statusLine, table } from "./dom.js";

/** Properties the user page always offers, set or not (Graph v1.0 user resource). */
const COMMON_PROPERTIES = [
  "displayName",
  "givenName",
  "surname",
  "mail",
  "mailNickname",
  "jobTitle",
  "department",
  "employeeId",
  "companyName",
  "officeLocation",
  "streetAddress",
  "city",
  "state",
  "postalCode",
  "country",
  "mobilePhone",
  "preferredLanguage",
];
const READ_ONLY = new Set(["id", "createdDateTime", "deletedDateTime", "userPrincipalName"]);

/** Entra ID → Users: the list, and a user's properties, editable (a Graph PATCH underneath). */
export async function renderUsers(view, context) {
  const [selected] = context.params;
  const { value: users } = await api("GET", "/api/graph/users");
  const detail = h("section", { class: "detail", "aria-label": "User properties" });
  replace(
    view,
    header("Users", "Microsoft Entra ID directory users (Graph /v1.0/users)"),
    table(
      ["Display name", "User principal name", "City", "Postal code", "Account enabled"],
      users.map((user) => ({
        attributes: { class: user.userPrincipalName === selected ? "selected" : "" },
        cells: [
          h(
            "a",
            { href: `#/entra/users/${encodeURIComponent(user.userPrincipalName)}` },
            user.displayName ?? user.id,
          ),
          user.userPrincipalName,
          user.city ?? "",
          user.postalCode ?? "",
          user.accountEnabled ? "Yes" : "No",
        ],
      })),
      { label: "Users" },
    ),
    detail,
  );
  const user = users.find((candidate) => candidate.userPrincipalName === selected);
  if (user) renderUserForm(detail, user);
}

function renderUserForm(detail, user) {
  const names = [
    ...new Set([
      ...COMMON_PROPERTIES,
      ...Object.keys(user).filter((name) => typeof user[name] === "string" && !READ_ONLY.has(name)),
    ]),
  ];
  const inputs = new Map(
    names.map((name) => [name, h("input", { name, value: user[name] ?? "", autocomplete: "off" })]),
  );
  const enabled = h("input", { type: "checkbox", name: "accountEnabled", checked: user.accountEnabled });
  const status = statusLine();
  const save = async (event) => {
    event.preventDefault();
    const patch = {};
    for (const [name, input] of inputs) {
      const value = input.value === "" ? null : input.value;
      if (value !== (user[name] ?? null)) patch[name] = value;
    }
    if (enabled.checked !== user.accountEnabled) patch.accountEnabled = enabled.checked;
    if (Object.keys(patch).length === 0) return status.ok("Nothing changed.");
    try {
      status.busy("Saving…");
      await api("PATCH", `/api/graph/users/${encodeURIComponent(user.id)}`, patch);
      Object.assign(user, patch);
      status.ok(`Saved ${Object.keys(patch).join(", ")} (PATCH /v1.0/users/${user.id}).`);
    } catch (error) {
      status.fail(error);
    }
  };
  replace(
    detail,
    h("h2", {}, user.displayName ?? user.userPrincipalName),
    h("p", { class: "subtitle" }, `${user.userPrincipalName} · object id ${user.id}`),
    h(
      "form",
      { class: "properties", onsubmit: save, "aria-label": "Edit properties" },
      h(
        "div",
        { class: "form-grid" },
        [...inputs].map(([name, input]) => field(name, input)),
        field("accountEnabled", enabled),
      ),
      h(
        "div",
        { class: "form-actions" },
        h("button", { type: "submit", class: "primary" }, "Save"),
        h(
          "a",
          { class: "button", href: `#/entra/on-demand/${encodeURIComponent(user.userPrincipalName)}` },
          "Provision on demand",
        ),
        h(
          "a",
          { class: "button", href: `#/flow/${encodeURIComponent(user.userPrincipalName)}` },
          "Attribute flow",
        ),
      ),
      status.element,
    ),
  );
}

/** Entra ID → Groups: groups with their members; the display name and description are editable. */
export async function renderGroups(view) {
  const { value: groups } = await api("GET", "/api/graph/groups");
  const rows = await Promise.all(
    groups.map(async (group) => {
      const { value: members } = await api("GET", `/api/graph/groups/${group.id}/members`);
      const name = h("input", {
        value: group.displayName,
        "aria-label": `Display name of ${group.displayName}`,
      });
      const description = h("input", {
        value: group.description ?? "",
        "aria-label": `Description of ${group.displayName}`,
      });
      const status = statusLine();
      const save = command("Save", async () => {
        try {
          await api("PATCH", `/api/graph/groups/${group.id}`, {
            displayName: name.value,
            description: description.value === "" ? null : description.value,
          });
          status.ok("Saved.");
        } catch (error) {
          status.fail(error);
        }
      });
      return [
        name,
        description,
        members.map((member) => member.userPrincipalName).join(", ") || "—",
        h("span", {}, save, status.element),
      ];
    }),
  );
  replace(
    view,
    header("Groups", "Microsoft Entra ID groups (Graph /v1.0/groups)"),
    table(["Display name", "Description", "Members", ""], rows, {
      label: "Groups",
      empty: "No groups in this scenario.",
    }),
  );
}
