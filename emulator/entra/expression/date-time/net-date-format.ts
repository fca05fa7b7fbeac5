/**
 * A subset of .NET custom date and time format strings (learn.microsoft.com, "Custom date and
 * time format strings"), invariant culture, all times in UTC. Supported specifiers: y… M… d…
 * h hh H HH m mm s ss f… F… t tt z zz zzz K g, quoted literals '…' "…", `\x` escapes and `%x`;
 * every other character is a literal. Single-character formats are the standard formats d D g G
 * o O s u t T. Assumed: the provisioning service runs in UTC, so offsets print as +00:00.
 */
export type DateTimeToken =
  { kind: "specifier"; letter: string; count: number } | { kind: "literal"; text: string };

const SPECIFIER_LETTERS = new Set(["y", "M", "d", "h", "H", "m", "s", "f", "F", "t", "z", "K", "g"]);

const STANDARD_FORMATS: ReadonlyMap<string, string> = new Map([
  ["d", "M/d/yyyy"],
  ["D", "dddd, dd MMMM yyyy"],
  ["g", "M/d/yyyy h:mm tt"],
  ["G", "M/d/yyyy h:mm:ss tt"],
  ["o", "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK"],
  ["O", "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK"],
  ["s", "yyyy'-'MM'-'dd'T'HH':'mm':'ss"],
  ["u", "yyyy'-'MM'-'dd HH':'mm':'ss'Z'"],
  ["t", "h:mm tt"],
  ["T", "h:mm:ss tt"],
]);

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Splits a format string into specifiers and literals; undefined for an unknown standard format. */
export function tokenizeDateTimeFormat(format: string): DateTimeToken[] | undefined {
  let pattern = format;
  if (format.length === 1) {
    const standard = STANDARD_FORMATS.get(format);
    if (standard === undefined) return undefined;
    pattern = standard;
  }
  const tokens: DateTimeToken[] = [];
  const literal = (text: string): void => {
    const last = tokens.at(-1);
    if (last?.kind === "literal") last.text += text;
    else tokens.push({ kind: "literal", text });
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] ?? "";
    if (c === "'" || c === '"') {
      const close = pattern.indexOf(c, i + 1);
      const end = close === -1 ? pattern.length : close;
      literal(pattern.slice(i + 1, end));
      i = end + 1;
    } else if (c === "\\") {
      literal(pattern[i + 1] ?? "");
      i += 2;
    } else if (c === "%") {
      i += 1;
    } else if (SPECIFIER_LETTERS.has(c)) {
      let count = 1;
      while (pattern[i + count] === c) count += 1;
      tokens.push({ kind: "specifier", letter: c, count });
      i += count;
    } else {
      literal(c);
      i += 1;
    }
  }
  return tokens;
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/** Formats a UTC instant with a .NET format string; undefined when the format is unsupported. */
export function formatNetDateTime(date: Date, format: string): string | undefined {
  const tokens = tokenizeDateTimeFormat(format);
  if (tokens === undefined) return undefined;
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const hour = date.getUTCHours();
  const minute = date.getUTCMinutes();
  const second = date.getUTCSeconds();
  const fraction = pad(date.getUTCMilliseconds(), 3) + "0000";
  let out = "";
  for (const token of tokens) {
    if (token.kind === "literal") {
      out += token.text;
      continue;
    }
    const n = token.count;
    switch (token.letter) {
      case "y":
        out += n <= 2 ? pad(year % 100, n) : pad(year, n);
        break;
      case "M":
        out +=
          n <= 2 ? pad(month + 1, n) : n === 3 ? (MONTHS[month] ?? "").slice(0, 3) : (MONTHS[month] ?? "");
        break;
      case "d": {
        const weekday = DAYS[date.getUTCDay()] ?? "";
        out += n <= 2 ? pad(day, n) : n === 3 ? weekday.slice(0, 3) : weekday;
        break;
      }
      case "h":
        out += pad(hour % 12 === 0 ? 12 : hour % 12, Math.min(n, 2));
        break;
      case "H":
        out += pad(hour, Math.min(n, 2));
        break;
      case "m":
        out += pad(minute, Math.min(n, 2));
        break;
      case "s":
        out += pad(second, Math.min(n, 2));
        break;
      case "f":
        out += fraction.slice(0, Math.min(n, 7));
        break;
      case "F":
        out += fraction.slice(0, Math.min(n, 7)).replace(/0+$/, "");
        break;
      case "t":
        out += (hour < 12 ? "AM" : "PM").slice(0, n === 1 ? 1 : 2);
        break;
      case "z":
        out += n === 1 ? "+0" : n === 2 ? "+00" : "+00:00";
        break;
      case "K":
        out += "Z";
        break;
      case "g":
        out += "A.D.";
        break;
    }
  }
  return out;
}

/** The input being parsed, the read position and the calendar fields read so far. */
type ParseState = {
  readonly input: string;
  pos: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  pm: boolean | undefined;
  offsetMinutes: number;
};

/** Reads `min` to `max` digits at the read position. */
function readDigits(state: ParseState, min: number, max: number): number | undefined {
  const match = new RegExp(`^\\d{${min},${max}}`).exec(state.input.slice(state.pos));
  if (!match) return undefined;
  state.pos += match[0].length;
  return Number(match[0]);
}

/** Reads the first of `choices` the input continues with (ignoring case); its index. */
function readWord(state: ParseState, choices: readonly string[]): number | undefined {
  const rest = state.input.slice(state.pos).toLowerCase();
  const index = choices.findIndex((choice) => rest.startsWith(choice.toLowerCase()));
  if (index === -1) return undefined;
  state.pos += choices[index]?.length ?? 0;
  return index;
}

/** Reads a UTC offset in the given form into `offsetMinutes`; false when it is required and absent. */
function readOffset(state: ParseState, form: "z" | "zz" | "zzz" | "K"): boolean {
  const rest = state.input.slice(state.pos);
  if (form === "K" && /^Z/i.test(rest)) {
    state.pos += 1;
    return true;
  }
  const pattern =
    form === "z" ? /^([+-])(\d{1,2})/ : form === "zz" ? /^([+-])(\d{2})/ : /^([+-])(\d{2}):?(\d{2})/;
  const match = pattern.exec(rest);
  if (!match) return form === "K";
  const sign = match[1] === "-" ? -1 : 1;
  state.offsetMinutes = sign * (Number(match[2]) * 60 + Number(match[3] ?? "0"));
  state.pos += match[0].length;
  return true;
}

/** Matches a literal of the format; false on mismatch. */
function matchLiteral(state: ParseState, text: string): boolean {
  // Whitespace in the format matches any run of whitespace (assumed, as .NET is lenient here).
  for (const c of text) {
    if (/\s/.test(c)) {
      while (/\s/.test(state.input[state.pos] ?? "x")) state.pos += 1;
    } else if (state.input[state.pos] === c) {
      state.pos += 1;
    } else {
      return false;
    }
  }
  return true;
}

/** Reads one specifier into the state; undefined on mismatch. */
function readSpecifier(state: ParseState, letter: string, n: number): number | undefined {
  let value: number | undefined;
  switch (letter) {
    case "y":
      value = n <= 2 ? readDigits(state, n, 2) : readDigits(state, Math.max(n, 4), Math.max(n, 4));
      if (value !== undefined && n <= 2) value += value < 50 ? 2000 : 1900; // .NET TwoDigitYearMax 2049
      if (value !== undefined) state.year = value;
      break;
    case "M":
      value =
        n <= 2
          ? readDigits(state, n, 2)
          : readWord(state, n === 3 ? MONTHS.map((m) => m.slice(0, 3)) : MONTHS);
      if (value !== undefined) state.month = n <= 2 ? value : value + 1;
      break;
    case "d":
      value =
        n <= 2 ? readDigits(state, n, 2) : readWord(state, n === 3 ? DAYS.map((d) => d.slice(0, 3)) : DAYS);
      if (value !== undefined && n <= 2) state.day = value;
      break;
    case "h":
    case "H":
      value = readDigits(state, Math.min(n, 2), 2);
      if (value !== undefined) state.hour = value;
      break;
    case "m":
      value = readDigits(state, Math.min(n, 2), 2);
      if (value !== undefined) state.minute = value;
      break;
    case "s":
      value = readDigits(state, Math.min(n, 2), 2);
      if (value !== undefined) state.second = value;
      break;
    case "f":
    case "F": {
      const start = state.pos;
      value = letter === "f" ? readDigits(state, n, n) : (readDigits(state, 0, n) ?? 0);
      const written = state.input.slice(start, state.pos);
      if (value !== undefined)
        state.millisecond = written === "" ? 0 : Math.floor(Number(`0.${written}`) * 1000);
      break;
    }
    case "t": {
      const index = readWord(state, n === 1 ? ["A", "P"] : ["AM", "PM"]);
      value = index;
      if (index !== undefined) state.pm = index === 1;
      break;
    }
    case "z":
      value = readOffset(state, n === 1 ? "z" : n === 2 ? "zz" : "zzz") ? 0 : undefined;
      break;
    case "K":
      value = readOffset(state, "K") ? 0 : undefined;
      break;
    case "g":
      value = readWord(state, ["A.D.", "AD"]);
      break;
  }
  return value;
}

/**
 * Parses `text` exactly as `format` describes (like .NET DateTime.ParseExact with
 * AllowLeadingWhite | AllowTrailingWhite, the Learn default for FormatDateTime). Offsets
 * (z, K) convert to UTC; without one the time is taken as UTC (assumed). Undefined on mismatch.
 */
export function parseNetDateTimeExact(text: string, format: string): Date | undefined {
  const tokens = tokenizeDateTimeFormat(format);
  if (tokens === undefined) return undefined;
  const state: ParseState = {
    input: text.trim(),
    pos: 0,
    year: 1,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    millisecond: 0,
    pm: undefined,
    offsetMinutes: 0,
  };
  for (const token of tokens) {
    if (token.kind === "literal") {
      if (!matchLiteral(state, token.text)) return undefined;
    } else if (readSpecifier(state, token.letter, token.count) === undefined) {
      return undefined;
    }
  }
  if (state.pos !== state.input.length) return undefined;
  const { year, month, day, minute, second, millisecond, pm, offsetMinutes } = state;
  let hour = state.hour;
  if (pm !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return utcDate(year, month, day, hour, minute, second, millisecond, offsetMinutes);
}

/** A validated UTC instant from calendar fields and an offset east of UTC; undefined if invalid. */
export function utcDate(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
  offsetMinutes: number,
): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, millisecond);
  if (local.getUTCDate() !== day) return undefined; // e.g. February 30
  return new Date(local.getTime() - offsetMinutes * 60_000);
}
