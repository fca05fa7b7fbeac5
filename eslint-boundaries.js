// @ts-check
/**
 * The rooms of the architecture and who may import what from them, as import-x
 * `no-restricted-paths` zones. eslint.config.js applies them; a test lints deliberate
 * cross-imports with the same zones, so a broken boundary fails `npm test`.
 */

/** Top-level folders and files that hold code. */
const TOP = ["bench", "bin", "cli", "contracts", "dashboard", "library", "scenarios", "scripts", "test"];

/** Rooms: code outside a room imports only its index.ts. Inner rooms sit inside outer ones. */
export const ROOMS = [
  "emulator/http",
  "emulator/scim",
  "emulator/runtime",
  "emulator/entra",
  "emulator/entra/provisioning",
  "emulator/entra/tenant",
  "emulator/immuta",
  "scenarios",
  "scenarios/prove",
];

/**
 * Entry points besides a room's index.ts. `synclab prove` has its own, so that the other commands,
 * which import the scenario layer, do not load fast-check and the round-trip model.
 * @type {Record<string, string[]>}
 */
const MORE_ENTRIES = { scenarios: ["./prove/index.ts"] };

/**
 * Every path outside `room`, as globs relative to the repository root.
 * @param {string} room
 * @returns {string[]}
 */
function outside(room) {
  const [top, ...rest] = room.split("/");
  if (rest.length === 0)
    return TOP.filter((name) => name !== top)
      .map((name) => `./${name}/**`)
      .concat("./emulator/**", "./*.ts");
  const parent = [top, ...rest.slice(0, -1)].join("/");
  const name = rest[rest.length - 1];
  return [`./${parent}/!(${name})/**`, `./${parent}/*.ts`, ...(parent === top ? [] : outside(parent))].concat(
    parent === top
      ? TOP.filter((entry) => entry !== top)
          .map((entry) => `./${entry}/**`)
          .concat("./*.ts")
      : [],
  );
}

/** The zones: the two fakes never import each other, the SCIM core imports neither, rooms only through index.ts. */
export const BOUNDARY_ZONES = [
  {
    target: "./emulator/entra",
    from: "./emulator/immuta",
    message: "The fake Entra never imports the fake Immuta: they meet only over HTTP.",
  },
  {
    target: "./emulator/immuta",
    from: "./emulator/entra",
    message: "The fake Immuta never imports the fake Entra: they meet only over HTTP.",
  },
  { target: "./emulator/scim", from: "./emulator/entra", message: "The SCIM core imports neither fake." },
  { target: "./emulator/scim", from: "./emulator/immuta", message: "The SCIM core imports neither fake." },
  ...ROOMS.map((room) => ({
    target: outside(room),
    from: `./${room}`,
    except: ["./index.ts", ...(MORE_ENTRIES[room] ?? [])],
    message: `Import ${room} through its entry point, ${room}/index.ts${(MORE_ENTRIES[room] ?? []).map((entry) => ` or ${room}${entry.slice(1)}`).join("")}.`,
  })),
];
