import type { z } from "zod";
import type { DataPath } from "./yaml-locator.ts";

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  getter?: () => z.ZodType;
};

const defOf = (schema: z.ZodType): Def => schema._zod.def;

/** The schema itself, seen through optional, default, pipe (transform) and lazy wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === "pipe" ? def.in : def.getter?.());
    if (inner === undefined) return current;
    current = inner;
  }
}

/** The object schemas a value at this schema may be (a union gives several). */
function objectsOf(schema: z.ZodType): Record<string, z.ZodType>[] {
  const def = defOf(unwrap(schema));
  if (def.type === "object" && def.shape) return [def.shape];
  if (def.type === "union") return (def.options ?? []).flatMap(objectsOf);
  return [];
}

/** The schema of the value at one path segment below this one. */
function child(schema: z.ZodType, segment: string | number): z.ZodType | undefined {
  const def = defOf(unwrap(schema));
  if (def.type === "array") return def.element;
  if (def.type === "record") return def.valueType;
  if (def.type === "union") {
    for (const option of def.options ?? []) {
      const found = child(option, segment);
      if (found) return found;
    }
    return undefined;
  }
  if (def.type === "object" && def.shape && Object.hasOwn(def.shape, segment)) return def.shape[segment];
  return undefined;
}

/** The keys the schema allows for the object at a data path (for "did you mean"); empty if unknown. */
export function keysAt(schema: z.ZodType, path: DataPath): string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    if (current === undefined) return [];
    current = child(current, segment);
  }
  return current === undefined ? [] : [...new Set(objectsOf(current).flatMap(Object.keys))];
}
