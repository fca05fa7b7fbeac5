import { describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main.ts";

// A command that fails by a bug (not by bad input) stands in for any such failure.
vi.mock("../../cli/doctor-command.ts", () => ({
  doctorCommand: () => Promise.reject(new TypeError("Cannot read properties of null (reading 'anchor')")),
}));

describe("an internal error in a command", () => {
  it("is reported in one line with its trace and exit 1, not thrown to Node", async () => {
    const err: string[] = [];
    const code = await main(["doctor", "x.yaml"], { out: () => undefined, err: (text) => err.push(text) });
    expect(code).toBe(1);
    expect(err.join("\n")).toMatch(/^synclab doctor: internal error \(a bug in synclab; please report it/);
    expect(err.join("\n")).toContain("TypeError: Cannot read properties of null");
  });
});
