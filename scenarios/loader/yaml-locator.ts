import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from "yaml";

/** A path in the data, as zod and the reference check give it. */
export type DataPath = readonly (string | number)[];

/** Where a path points: at the value (default) or, for an unknown key, at the key itself. */
export type Target = "value" | "key";

/**
 * Locates data paths in a parsed document. Each mapping's keys are indexed the first time a path
 * passes through it, so locating many problems costs time linear in their number and the document.
 */
export function createLocator(document: Document, lineCounter: LineCounter) {
  const indexes = new WeakMap<object, Map<unknown, Pair>>();
  const pairsOf = (map: { items: Pair[] }): Map<unknown, Pair> => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (!index.has(key)) index.set(key, pair);
      }
      indexes.set(map, index);
    }
    return index;
  };

  /** The line and column of the deepest node on the path that exists (1-based). */
  return (path: DataPath, target: Target = "value"): { line: number; column: number } => {
    let node: unknown = document.contents;
    let position = rangeStart(node) ?? 0;
    for (const [depth, segment] of path.entries()) {
      const last = depth === path.length - 1;
      if (isMap(node)) {
        const pair = pairsOf(node).get(segment) ?? pairsOf(node).get(String(segment));
        if (!pair) break;
        const keyStart = rangeStart(pair.key);
        if (last && target === "key" && keyStart !== undefined) {
          position = keyStart;
          break;
        }
        node = pair.value;
        position = rangeStart(node) ?? keyStart ?? position;
      } else if (isSeq(node) && typeof segment === "number") {
        node = node.items[segment];
        if (node === undefined) break;
        position = rangeStart(node) ?? position;
      } else break;
    }
    const { line, col } = lineCounter.linePos(position);
    return { line, column: col };
  };
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
