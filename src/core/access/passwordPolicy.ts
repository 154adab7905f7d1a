/** Password length bounds: long passphrases welcome, but not megabytes fed to argon2. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** The reason a new password is refused, as an error code, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < PASSWORD_MIN) return 'password_too_short';
  if ([...password].length > PASSWORD_MAX) return 'password_too_long';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'password_contains_username';
  if (new Set(password).size < 4) return 'password_too_simple';
  return null;
}
