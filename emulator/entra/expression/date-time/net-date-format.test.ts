import { describe, expect, it } from "vitest";
import { formatNetDateTime, parseNetDateTimeExact } from "./net-date-format.ts";
import { parseDateTime } from "./parse-date-time.ts";

const instant = new Date("2021-06-30T16:05:09.123Z");

describe("formatNetDateTime", () => {
  it.each([
    { format: "M/d/yyyy h:mm:ss tt", expected: "6/30/2021 4:05:09 PM" },
    { format: "yyyy-MM-dd", expected: "2021-06-30" },
    { format: "yy MMM ddd dddd MMMM", expected: "21 Jun Wed Wednesday June" },
    { format: "HH:mm:ss.fff", expected: "16:05:09.123" },
    { format: "H h t", expected: "16 4 P" },
    { format: "ss.FFFFFFF zzz K", expected: "09.123 +00:00 Z" },
    { format: "'yyyy' \"MM\" \\d", expected: "yyyy MM d" },
    { format: "o", expected: "2021-06-30T16:05:09.1230000Z" },
    { format: "s", expected: "2021-06-30T16:05:09" },
    { format: "u", expected: "2021-06-30 16:05:09Z" },
  ])("formats with $format", ({ format, expected }) => {
    expect(formatNetDateTime(instant, format)).toBe(expected);
  });

  it("reports an unknown standard format", () => {
    expect(formatNetDateTime(instant, "Q")).toBeUndefined();
  });
});

describe("parseNetDateTimeExact", () => {
  it.each([
    { text: "20150123105347.1Z", format: "yyyyMMddHHmmss.fZ", expected: "2015-01-23T10:53:47.100Z" },
    { text: "2020-12-31-08:00", format: "yyyy-MM-ddzzz", expected: "2020-12-31T08:00:00.000Z" },
    { text: "12/31/2020 11:59:59 PM", format: "M/d/yyyy hh:mm:ss tt", expected: "2020-12-31T23:59:59.000Z" },
    { text: "  1/2/49 ", format: "M/d/yy", expected: "2049-01-02T00:00:00.000Z" },
    { text: "02 March 1999", format: "dd MMMM yyyy", expected: "1999-03-02T00:00:00.000Z" },
  ])("parses $text with $format", ({ text, format, expected }) => {
    expect(parseNetDateTimeExact(text, format)?.toISOString()).toBe(expected);
  });

  it.each([
    { text: "2021-02-30", format: "yyyy-MM-dd" },
    { text: "2021-1-05", format: "yyyy-MM-dd" },
    { text: "2021-01-05x", format: "yyyy-MM-dd" },
    { text: "13:00 PM", format: "hh:mm tt" },
  ])("rejects $text with $format", ({ text, format }) => {
    expect(parseNetDateTimeExact(text, format)).toBeUndefined();
  });
});

describe("parseDateTime", () => {
  it.each([
    { text: "2020-03-16-07:00", expected: "2020-03-16T07:00:00.000Z" },
    { text: "2009-06-15T01:45:30-07:00", expected: "2009-06-15T08:45:30.000Z" },
    { text: "2021-08-24", expected: "2021-08-24T00:00:00.000Z" },
    { text: "2021-08-24T10:00:00.5Z", expected: "2021-08-24T10:00:00.500Z" },
    { text: "8/25/2021 5:41:18 PM", expected: "2021-08-25T17:41:18.000Z" },
    { text: "12/31/2020 12:00:00 AM", expected: "2020-12-31T00:00:00.000Z" },
  ])("reads $text", ({ text, expected }) => {
    expect(parseDateTime(text)?.toISOString()).toBe(expected);
  });

  it.each(["yesterday", "2021-13-01", "31/12/2020", "8/25/2021 13:00:00 PM"])("rejects %s", (text) => {
    expect(parseDateTime(text)).toBeUndefined();
  });
});
