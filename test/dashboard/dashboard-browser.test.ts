import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, startServers, type Served } from "../../cli/serve-command.ts";
import { CHROMIUM_ARGS, findChromium } from "./find-chromium.ts";

const CUSTOM = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";
const WAIT = { timeout: 15_000, interval: 50 };

/** The element's text, retried until it matches: the page renders after its API calls answer. */
const text = (locator: Locator) =>
  expect.poll(async () => ((await locator.count()) > 0 ? await locator.first().innerText() : ""), WAIT);
const count = (locator: Locator) => expect.poll(() => locator.count(), WAIT);
const attribute = (locator: Locator, name: string) =>
  expect.poll(
    async () => ((await locator.count()) > 0 ? await locator.first().getAttribute(name) : null),
    WAIT,
  );
const executable = findChromium();
// CI must run these; a developer machine without Chromium gets a reason instead of a failure.
const runs = executable !== null || process.env.CI !== undefined;
const title = runs
  ? "dashboard in headless Chromium"
  : "dashboard in headless Chromium (skipped: no chromium on PATH; apt-get install chromium, or set CHROMIUM_PATH)";

describe.skipIf(!runs)(title, () => {
  let served: Served;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (executable === null) throw new Error("chromium is not installed: .ci/run installs it with apt-get");
    served = await startServers({
      scenario: DEFAULT_SCENARIO,
      entraPort: 0,
      immutaPort: 0,
      uiPort: 0,
      host: "127.0.0.1",
    });
    // Playwright gives every launch a fresh temporary profile.
    browser = await chromium.launch({ executablePath: executable, args: [...CHROMIUM_ARGS] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const open = async (screen: string) => {
    // A link's name may carry a counter after the screen's name ("SCIM traffic 3").
    await page
      .locator(".side-nav")
      .getByRole("link", { name: new RegExp(`^${screen}\\b`) })
      .click();
    await page.getByRole("heading", { level: 1 }).waitFor();
  };

  const provisionAlice = async () => {
    await open("Provision on demand");
    await page.getByLabel("Select a user or group").selectOption({ value: "User:alice@contoso.com" });
    await page.getByRole("button", { name: "Provision", exact: true }).click();
    await text(page.locator(".on-demand-result h2")).toContain("Success");
  };

  const immutaAttribute = (key: string) =>
    page.locator(`section.settings .prefix-group tr[data-key="${key}"]`);

  it("shows entraid_attributes.zipcode = 10001 on alice's Immuta Settings tab after her postal code changes and she is provisioned on demand", async () => {
    await page.goto(served.dashboard!.url);
    await open("Users");
    await page.getByRole("link", { name: "Alice Smith" }).click();
    await page.getByLabel("postalCode").fill("10001");
    await page.getByRole("button", { name: "Save" }).click();
    await text(page.getByRole("status")).toContain("Saved postalCode");

    await page.getByRole("link", { name: "Provision on demand" }).last().click();
    await page.getByRole("button", { name: "Provision", exact: true }).click();
    const result = page.locator(".on-demand-result");
    await count(result.locator(".step")).toBe(4);
    expect(await result.locator(".step strong").allInnerTexts()).toEqual([
      "Import user",
      "Determine if user is in scope",
      "Match user between source and target system",
      "Perform action",
    ]);
    await text(result.getByRole("row", { name: `${CUSTOM}:zipcode` })).toContain("10001");

    await open("People");
    await page.getByRole("link", { name: "Alice Smith" }).click();
    await text(immutaAttribute("entraid_attributes.zipcode")).toMatch(
      /^entraid_attributes\.zipcode\s+10001$/,
    );
    await text(page.getByRole("table", { name: "Effective attributes" })).toContain("10001");
  }, 60_000);

  it("adds exchanges to the traffic timeline without a reload, with the PATCH dialect named", async () => {
    await open("SCIM traffic");
    const exchanges = page.locator(".timeline .exchange");
    const before = await exchanges.count();
    const { job } = served.world.app;
    // Changed and provisioned from outside the page: only a live timeline can show it.
    const response = await fetch(`${served.entra.url}/v1.0/users/alice@contoso.com`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ postalCode: "10002" }),
    });
    expect(response.status).toBe(204);
    await fetch(
      `${served.entra.url}/v1.0/servicePrincipals/${job.servicePrincipalId}/synchronization/jobs/${job.jobId}/provisionOnDemand`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          parameters: [{ subjects: [{ objectId: "alice@contoso.com", objectTypeName: "User" }] }],
        }),
      },
    );
    const patch = exchanges.filter({ hasText: "PATCH" });
    await count(patch).toBe(1);
    expect(await exchanges.count()).toBeGreaterThan(before + 1);
    await text(patch.locator("summary")).toContain("Entra legacy PATCH");
    expect(await patch.locator("summary").innerText()).toMatch(/\/Users\/[0-9a-f-]+/);
    await patch.locator("summary").click();
    await text(patch.locator("pre")).toContain('"op": "Replace"');
  }, 60_000);

  it("sends a custom attribute and mapping added from the UI, and Immuta shows it", async () => {
    await open("Edit attribute list");
    await page.getByLabel("New attribute name").fill(`${CUSTOM}:town`);
    await page.getByRole("button", { name: "Add attribute" }).click();
    await text(page.getByRole("table", { name: "Target attributes" })).toContain(`${CUSTOM}:town`);

    await open("Attribute mapping");
    await page.getByRole("button", { name: "Add New Mapping" }).click();
    await page.getByLabel("Source attribute").selectOption("city");
    await page.getByLabel("Target attribute").selectOption(`${CUSTOM}:town`);
    await page.getByRole("button", { name: "Ok" }).click();
    await text(page.locator(`tr[data-target="${CUSTOM}:town"]`)).toContain("Direct");

    await provisionAlice();
    await open("People");
    await page.getByRole("link", { name: "Alice Smith" }).click();
    await text(immutaAttribute("entraid_attributes.town")).toContain("Seattle");
  }, 60_000);

  it("shows the control API's validation inline, and marks in the flow where a broken row stops the value", async () => {
    await open("Identity management");
    const prefix = page.getByLabel("IAM Immuta Attribute Prefix").first();
    await prefix.fill("");
    await page.getByRole("button", { name: "Save" }).click();
    await text(page.locator(".field-error")).toContain("Too small");
    await attribute(page.getByLabel("IAM Immuta Attribute Prefix"), "aria-invalid").toBe("true");

    await prefix.fill("entraid_attributes");
    await page.getByLabel("SCIM Schema").first().fill(`${CUSTOM}:zipcode`);
    await page.getByRole("button", { name: "Save" }).click();
    await text(page.getByRole("status")).toContain("Saved.");

    await open("Attribute flow");
    const zipcode = page.locator(`.flow[data-target="${CUSTOM}:zipcode"]`);
    await attribute(zipcode.locator(".stage.stop"), "data-stage").toBe("row");
    await text(zipcode.locator(".stop-reason")).toContain("is a whole attribute name");
    await attribute(zipcode.locator('.stage[data-stage="immuta"]'), "class").toContain("unreached");
  }, 60_000);
});
