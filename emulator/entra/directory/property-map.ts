import type { JsonValue } from "../../scim/index.ts";

/** One order of property names, shared by every user whose properties were set in that order. */
type KeyOrder = { readonly keys: readonly string[]; next: Map<string, KeyOrder> | null };

/**
 * Most users get the same properties in the same order, so their name lists can be one array: the
 * orders seen are kept as a tree (one step a name added), like V8's hidden classes. Past `limit`
 * orders a new one is still made but no longer kept, so that odd orders cannot grow the tree.
 */
export class KeyOrders {
  readonly #root: KeyOrder = { keys: [], next: null };
  readonly #limit: number;
  #kept = 0;

  constructor(limit = 10_000) {
    this.#limit = limit;
  }

  get empty(): KeyOrder {
    return this.#root;
  }

  /** The order of `order`'s names followed by `key`. */
  after(order: KeyOrder, key: string): KeyOrder {
    const known = order.next?.get(key);
    if (known) return known;
    const next: KeyOrder = { keys: [...order.keys, key], next: null };
    if (this.#kept < this.#limit) {
      (order.next ??= new Map()).set(key, next);
      this.#kept++;
    }
    return next;
  }

  /** The order of these names. */
  of(keys: readonly string[]): KeyOrder {
    let order = this.#root;
    for (const key of keys) order = this.after(order, key);
    return order;
  }
}

/**
 * A user's Graph properties: a Map of name to value in insertion order, kept as a name list shared
 * between users (see KeyOrders) and an array of the values, a third of a Map's memory for a user
 * with ten properties. Lookups scan the names, which are few.
 */
export class PropertyMap implements Map<string, JsonValue> {
  readonly #orders: KeyOrders;
  #order: KeyOrder;
  #values: JsonValue[] = [];

  constructor(orders: KeyOrders, entries: Iterable<readonly [string, JsonValue]> = []) {
    this.#orders = orders;
    this.#order = orders.empty;
    for (const [key, value] of entries) this.set(key, value);
  }

  // On the prototype, not a field: a field would be one more slot in every user's map.
  get [Symbol.toStringTag](): string {
    return "PropertyMap";
  }

  get size(): number {
    return this.#order.keys.length;
  }

  get(key: string): JsonValue | undefined {
    const index = this.#order.keys.indexOf(key);
    return index < 0 ? undefined : this.#values[index];
  }

  has(key: string): boolean {
    return this.#order.keys.includes(key);
  }

  set(key: string, value: JsonValue): this {
    const index = this.#order.keys.indexOf(key);
    if (index >= 0) {
      this.#values[index] = value;
      return this;
    }
    this.#order = this.#orders.after(this.#order, key);
    // A copy of the exact length: an array grown by push keeps room for 16 more.
    const values = this.#values;
    const next = new Array<JsonValue>(values.length + 1);
    for (let slot = 0; slot < values.length; slot++) next[slot] = values[slot] as JsonValue;
    next[values.length] = value;
    this.#values = next;
    return this;
  }

  delete(key: string): boolean {
    const index = this.#order.keys.indexOf(key);
    if (index < 0) return false;
    this.#order = this.#orders.of(this.#order.keys.filter((_, slot) => slot !== index));
    this.#values = this.#values.filter((_, slot) => slot !== index);
    return true;
  }

  clear(): void {
    this.#order = this.#orders.empty;
    this.#values = [];
  }

  forEach(
    callback: (value: JsonValue, key: string, map: Map<string, JsonValue>) => void,
    thisArg?: unknown,
  ): void {
    for (let index = 0; index < this.size; index++)
      callback.call(thisArg, this.#values[index] as JsonValue, this.#order.keys[index] as string, this);
  }

  entries(): MapIterator<[string, JsonValue]> {
    const { keys } = this.#order;
    return keys.map((key, index): [string, JsonValue] => [key, this.#values[index] as JsonValue]).values();
  }

  keys(): MapIterator<string> {
    return this.#order.keys.values();
  }

  values(): MapIterator<JsonValue> {
    return this.#values.slice().values();
  }

  [Symbol.iterator](): MapIterator<[string, JsonValue]> {
    return this.entries();
  }

  /** What a Map would show as `[...map]`: the entries, in order. */
  toJSON(): [string, JsonValue][] {
    return [...this.entries()];
  }
}
