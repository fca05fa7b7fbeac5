import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";

let child: ReturnType<typeof spawn> | undefined;

afterEach(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child?.once("exit", resolve));
  child.kill("SIGINT");
  await exited;
});

describe("the compiled bin's serve", () => {
  it("serves the dashboard page, as npm start does", async () => {
    child = spawn(
      process.execPath,
      ["bin/synclab.js", "serve", "--entra-port", "0", "--immuta-port", "0", "--ui-port", "0"].concat([
        "--entra-https-port",
        "off",
      ]),
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let banner = "";
    await new Promise<void>((resolve, reject) => {
      child?.once("exit", (code) => reject(new Error(`serve exited ${String(code)}`)));
      child?.stdout?.on("data", (chunk: Buffer) => {
        banner += chunk.toString("utf8");
        if (banner.includes("Press Ctrl+C")) resolve();
      });
    });
    const dashboard = /Dashboard\s+(\S+)/.exec(banner)?.[1] ?? "";
    const response = await fetch(`${dashboard}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain("<html");
  }, 60_000);
});
