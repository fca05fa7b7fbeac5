// @ts-check
/**
 * How synclab's code is compiled for Node: one ESM bundle for Node 20 with its dependencies.
 * Shared by the package build (scripts/build.js) and the benchmarks that measure compiled code in
 * a child process; this module only declares it, so importing it builds nothing.
 */
export const NODE_BUNDLE = /** @type {const} */ ({
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Dependencies are bundled too: Node 20 has no module compile cache, and loading zod and yaml
  // file by file is most of a command's start-up. msw stays the consumer's own (its handlers must
  // come from the msw instance that runs them).
  external: ["msw", "msw/*"],
  // yaml is CommonJS; its bundled require() calls of Node built-ins need a real require. The import
  // takes a name no bundled module declares: fdir (under tinyglobby) imports `createRequire` itself,
  // which collides with the banner's in any bundle that is not minified.
  banner: {
    js: 'import { createRequire as createBannerRequire } from "node:module"; const require = createBannerRequire(import.meta.url);',
  },
});
