import { formatNetDateTime } from "./net-date-format.ts";

/** "The returned string is always in UTC and follows the format M/d/yyyy h:mm:ss tt" (Learn, CDate). */
export const ENTRA_DATE_FORMAT = "M/d/yyyy h:mm:ss tt";

/** An instant in the service's date output format, e.g. "3/16/2020 7:00:00 AM". */
export function formatEntraDate(date: Date): string {
  return formatNetDateTime(date, ENTRA_DATE_FORMAT) ?? date.toISOString();
}
