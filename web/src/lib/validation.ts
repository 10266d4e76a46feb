/** What this module needs of a contract schema (a zod schema from `@wattsup/contracts`). */
interface RequestSchema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/**
 * Checks a request with its contract schema before it leaves the browser, so the form applies
 * the same rules as the hub. Returns the request as the schema normalises it.
 */
export function validateRequest<T>(schema: RequestSchema<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const field = issue.path.map(String).join('.');
  throw new Error(field ? `${field}: ${issue.message}` : issue.message);
}
