import { api, h, replace } from "./dom.js";
import { renderUsers, renderGroups } from "./entra-directory.js";
import { renderOverview, renderOnDemand } from "./entra-provisioning.js";
import { renderMappings, renderAttributeList } from "./entra-mappings.js";
import { renderLogs } from "./entra-logs.js";
import { renderIams } from "./immuta-iams.js";
import { renderImmutaUsers, renderImmutaUser } from "./immuta-users.js";
import { renderTraffic, startTrafficPolling } from "./traffic-view.js";
import { renderFlow } from "./flow-view.js";

/** Hash routes: `#/entra/users`, `#/immuta/users/entra/alice@contoso.com`, `#/flow/alice@contoso.com`. */
const ROUTES = [
  [/^\/entra\/users(?:\/(.+))?$/, renderUsers],
  [/^\/entra\/groups$/, renderGroups],
  [/^\/entra\/overview$/, renderOverview],
  [/^\/entra\/mappings$/, renderMappings],
  [/^\/entra\/attributes$/, renderAttributeList],
  [/^\/entra\/on-demand(?:\/(.+))?$/, renderOnDemand],
  [/^\/entra\/logs$/, renderLogs],
  [/^\/immuta\/iams$/, renderIams],
  [/^\/immuta\/users$/, renderImmutaUsers],
  [/^\/immuta\/users\/([^/]+)\/(.+)$/, renderImmutaUser],
  [/^\/traffic$/, renderTraffic],
  [/^\/flow(?:\/(.+))?$/, renderFlow],
];

const main = document.getElementById("main");
let context = null;

/** The ids a Graph call needs: the enterprise app's service principal and job. */
async function loadContext() {
  const entra = await api("GET", "/api/entra");
  const app = entra.apps[0];
  return {
    job: `/api/graph/servicePrincipals/${app.servicePrincipalId}/synchronization/jobs/${encodeURIComponent(app.jobId)}`,
    app,
  };
}

async function route() {
  const path = decodeURIComponent(location.hash.replace(/^#/, "")) || "/entra/users";
  for (const link of document.querySelectorAll(".side-nav a")) {
    const target = link.getAttribute("href").slice(1);
    if (path === target || path.startsWith(`${target}/`)) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const match = ROUTES.map(([pattern, render]) => [pattern.exec(path), render]).find(([found]) => found);
  if (!match) {
    replace(main, h("h1", {}, "Not found"), h("p", {}, `No screen at ${path}.`));
    return;
  }
  const [found, render] = match;
  try {
    context ??= await loadContext();
    const view = h("div", { class: "view" });
    replace(main, view);
    await render(view, {
      ...context,
      params: found.slice(1).map((part) => part && decodeURIComponent(part)),
    });
    view.querySelector("h1")?.focus({ preventScroll: true });
  } catch (error) {
    replace(main, h("h1", {}, "Something went wrong"), h("p", { class: "status error" }, error.message));
  }
}

window.addEventListener("hashchange", () => void route());
startTrafficPolling(document.getElementById("traffic-count"));
void route();
