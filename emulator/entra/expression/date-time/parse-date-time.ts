import { utcDate } from "./net-date-format.ts";

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const US_LIKE =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*(AM|PM)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0"));
}

/**
 * Reads a date/time string the way CDate does, as far as the Learn examples show: ISO 8601 with
 * an optional time and offset ("2020-03-16-07:00", "2009-06-15T01:45:30-07:00") and the
 * service's own output format "M/d/yyyy h:mm:ss tt". Assumed: without an offset, UTC; other
 * shapes .NET's DateTime.Parse would accept are not supported. Undefined when unreadable.
 */
export function parseDateTime(text: string): Date | undefined {
  const input = text.trim();
  const iso = ISO_LIKE.exec(input);
  if (iso) {
    const [, y, mo, d, h, mi, s, f, zone] = iso;
    return utcDate(
      Number(y),
      Number(mo),
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
      f === undefined ? 0 : Math.floor(Number(`0.${f}`) * 1000),
      offsetMinutes(zone),
    );
  }
  const us = US_LIKE.exec(input);
  if (us) {
    const [, mo, d, y, h, mi, s, f, meridiem, zone] = us;
    let hour = Number(h ?? 0);
    if (meridiem !== undefined) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (meridiem.toUpperCase() === "PM" ? 12 : 0);
    }
    return utcDate(
      Number(y),
      Number(mo),
      Number(d),
      hour,
      Number(mi ?? 0),
      Number(s ?? 0),
      f === undefined ? 0 : Math.floor(Number(`0.${f}`) * 1000),
      offsetMinutes(zone),
    );
  }
  return undefined;
}
