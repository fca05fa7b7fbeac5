import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";

const dir = mkdtempSync(join(tmpdir(), "synclab-closed-output-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A passing scenario whose report is far larger than a pipe's buffer (64 KiB on Linux). */
function largeReportScenario(users: number): string {
  return stringify({
    name: "Large report",
    entra: {
      app: { displayName: "Immuta" },
      users: Array.from({ length: users }, (_, index) => ({
        userPrincipalName: `user${index}@contoso.com`,
        displayName: `User ${index}`,
        mail: `user${index}@contoso.com`,
      })),
    },
    immuta: { iams: [{ id: "entra", type: "saml" }] },
    steps: [{ cycle: "initial" }, { expect: { user: "user0@contoso.com", exists: true } }],
  });
}

describe("synclab run whose reader goes away (`synclab run x | head`)", () => {
  it("runs to its own exit code without an EPIPE error", async () => {
    const file = join(dir, "large.yaml");
    writeFileSync(file, largeReportScenario(400));
    const child = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", "run", file], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    // Read the first chunk, then close the pipe as `head -1` does.
    let first = "";
    child.stdout.once("data", (chunk: Buffer) => {
      first = chunk.toString("utf8");
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(first).toContain("# Large report");
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  }, 60_000);
});
