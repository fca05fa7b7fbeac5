import { inject, expect, it } from "vitest";
import { provisionAndReadZipcode } from "./provision-alice.ts";

// The fakes started by test/global-setup.ts with startSynclab, reached over real HTTP.
it("reads alice's zipcode from Immuta after provisioning her on demand through Graph", async () => {
  const synclab = inject("synclab");
  const zipcode = await provisionAndReadZipcode({
    ...synclab,
    graphUrl: synclab.entraUrl,
    user: "alice@contoso.com",
  });
  expect(zipcode).toEqual(["98052"]);
});
