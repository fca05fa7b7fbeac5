/** Attribute data types of RFC 7643 §2.3. */
export const ATTRIBUTE_TYPES = [
  "string",
  "boolean",
  "decimal",
  "integer",
  "dateTime",
  "binary",
  "reference",
  "complex",
] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** `mutability` values of RFC 7643 §7. */
export const MUTABILITIES = ["readOnly", "readWrite", "immutable", "writeOnly"] as const;
export type Mutability = (typeof MUTABILITIES)[number];

/** `returned` values of RFC 7643 §7. */
export const RETURNED = ["always", "never", "default", "request"] as const;
export type Returned = (typeof RETURNED)[number];

/** `uniqueness` values of RFC 7643 §7. */
export const UNIQUENESS = ["none", "server", "global"] as const;
export type Uniqueness = (typeof UNIQUENESS)[number];

/** One attribute of a schema, as RFC 7643 §7 describes it in the `/Schemas` representation. */
export type AttributeDefinition = {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly description?: string;
  readonly subAttributes?: readonly AttributeDefinition[];
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
};

/** A resource or extension schema (RFC 7643 §7): its URN `id` and its attributes. */
export type SchemaDefinition = {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDefinition[];
};
