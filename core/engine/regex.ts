/** Whether a user-written pattern (scoping filter, service-account pattern) is a valid regular expression. */
export function compilesAsRegExp(pattern: string, flags = ''): boolean {
  try {
    return new RegExp(pattern, flags) instanceof RegExp;
  } catch {
    return false;
  }
}
