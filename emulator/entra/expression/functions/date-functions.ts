import type { FunctionCall, FunctionImplementation } from "../function-call.ts";
import type { FunctionName } from "../functions.ts";
import { dateFromFiletime, filetimeFromDate } from "../date-time/filetime.ts";
import { formatEntraDate } from "../date-time/format-entra-date.ts";
import { formatNetDateTime, parseNetDateTimeExact } from "../date-time/net-date-format.ts";
import { parseDateTime } from "../date-time/parse-date-time.ts";
import { toInteger, toText } from "../value-coercion.ts";

/** The DateAdd / DateDiff interval strings of the Learn reference. */
const INTERVALS = ["yyyy", "m", "d", "ww", "h", "n", "s"] as const;
type Interval = (typeof INTERVALS)[number];

const FIXED_INTERVAL_MS: ReadonlyMap<Interval, number> = new Map([
  ["ww", 7 * 86_400_000],
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["n", 60_000],
  ["s", 1_000],
]);

function readInterval(call: FunctionCall): Interval {
  const text = toText(call.arg(0), call);
  const interval = INTERVALS.find((candidate) => candidate === text);
  return interval ?? call.fail(`${call.node.name}: interval must be one of ${INTERVALS.join(", ")}`);
}

function readDate(call: FunctionCall, index: number): Date | null {
  const text = toText(call.arg(index), call);
  if (text === null) return null;
  return parseDateTime(text) ?? call.fail(`${call.node.name}: ${JSON.stringify(text)} is not a date/time`);
}

/** .NET AddMonths: the day is clamped to the end of the target month. */
function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = date.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

const DAY_MS = 86_400_000;

/** Interval boundaries crossed from `from` to `to`, as VBA's DateDiff counts them. */
function boundariesCrossed(interval: Interval, from: Date, to: Date): number {
  switch (interval) {
    case "yyyy":
      return to.getUTCFullYear() - from.getUTCFullYear();
    case "m":
      return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
    case "ww": {
      // Sundays crossed: the distance between the Sundays that start each date's week.
      const weekStart = (date: Date): number => Math.floor(date.getTime() / DAY_MS) - date.getUTCDay();
      return (weekStart(to) - weekStart(from)) / 7;
    }
    case "d":
    case "h":
    case "n":
    case "s": {
      const unit = FIXED_INTERVAL_MS.get(interval) ?? DAY_MS;
      return Math.floor(to.getTime() / unit) - Math.floor(from.getTime() / unit);
    }
  }
}

/** Date functions of the Learn reference; dates print as "M/d/yyyy h:mm:ss tt" in UTC. */
export const DATE_FUNCTIONS = {
  // "returns a UTC DateTime from a string"; "2020-03-16-07:00" → "3/16/2020 7:00:00 AM" (Learn).
  CDate: (call) => {
    const date = readDate(call, 0);
    return date === null ? null : formatEntraDate(date);
  },
  // Learn, DateAdd: intervals yyyy m d ww h n s; the value may be negative.
  DateAdd: (call) => {
    const interval = readInterval(call);
    const amount = toInteger(call.arg(1), call, "value");
    const date = readDate(call, 2);
    if (date === null) return null;
    const fixed = FIXED_INTERVAL_MS.get(interval);
    const result =
      fixed === undefined
        ? addMonths(date, interval === "yyyy" ? amount * 12 : amount)
        : new Date(date.getTime() + amount * fixed);
    return formatEntraDate(result);
  },
  // Learn, DateDiff: positive when date2 > date1. Assumed: VBA DateDiff semantics (interval
  // boundaries crossed, weeks counted by Sundays); they reproduce every row of the Learn table,
  // including "ww" = -493, which whole elapsed weeks (-492) would not.
  DateDiff: (call) => {
    const interval = readInterval(call);
    const from = readDate(call, 1);
    const to = readDate(call, 2);
    if (from === null || to === null) return null;
    return boundariesCrossed(interval, from, to);
  },
  // Learn, DateFromNum: an AD date (FILETIME ticks) to a DateTime;
  // DateFromNum(129699324000000000) is January 1, 2012 11:00 PM.
  DateFromNum: (call) => {
    const text = toText(call.arg(0), call);
    if (text === null) return null;
    if (!/^\s*\d+\s*$/.test(text)) return call.fail(`DateFromNum: ${JSON.stringify(text)} is not an AD date`);
    const date = dateFromFiletime(BigInt(text.trim()));
    return Number.isNaN(date.getTime()) ? call.fail("DateFromNum: out of range") : formatEntraDate(date);
  },
  // Learn, FormatDateTime(source, dateTimeStyles, inputFormat, outputFormat); Graph lists the
  // three-argument form without dateTimeStyles, accepted too. Assumed: dateTimeStyles is
  // ignored beyond the documented default (leading/trailing white space allowed).
  FormatDateTime: (call) => {
    const short = call.count === 3;
    const source = toText(call.arg(0), call);
    const inputFormat = toText(call.arg(short ? 1 : 2), call) ?? "";
    const outputFormat = toText(call.arg(short ? 2 : 3), call) ?? "";
    if (source === null) return null;
    const date = parseNetDateTimeExact(source, inputFormat);
    if (date === undefined) {
      return call.fail(
        `FormatDateTime: ${JSON.stringify(source)} doesn't match ${JSON.stringify(inputFormat)}`,
      );
    }
    return (
      formatNetDateTime(date, outputFormat) ??
      call.fail(`FormatDateTime: unsupported output format ${JSON.stringify(outputFormat)}`)
    );
  },
  // "returns a string representing the current UTC DateTime in the format M/d/yyyy h:mm:ss tt".
  Now: (call) => formatEntraDate(call.context.now()),
  // Learn, NumFromDate: an ISO 8601 date/time to AD's format (FILETIME ticks). Assumed: returned
  // as a decimal string, since the number exceeds JavaScript's exact integer range.
  NumFromDate: (call) => {
    const date = readDate(call, 0);
    return date === null ? null : filetimeFromDate(date).toString();
  },
} satisfies Partial<Record<FunctionName, FunctionImplementation>>;
