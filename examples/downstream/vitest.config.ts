import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Both fakes on free ports for the whole run; tests read their URLs with inject("synclab").
    globalSetup: ["./test/global-setup.ts"],
  },
});
