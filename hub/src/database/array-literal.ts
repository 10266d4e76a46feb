/**
 * A PostgreSQL array literal for one bound parameter, used as `= any(?::uuid[])` or in
 * `unnest(?::uuid[], ?::text[])`. Knex expands a JavaScript array into one placeholder per value,
 * and a `jsonb_array_elements` or `jsonb_to_recordset` subquery hides its length from the planner
 * (it guesses 100 rows), which then scans whole tables for a single id; an array parameter gives
 * index scans. Every element is quoted, so commas, braces and quotes stay inside it; null is NULL.
 */
export const arrayLiteral = (values: readonly (string | null)[]): string =>
  `{${values.map((value) => (value === null ? 'NULL' : `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`)).join(',')}}`;
