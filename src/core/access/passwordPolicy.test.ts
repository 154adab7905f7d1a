import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from './passwordPolicy.ts';

describe('password policy', () => {
  it('takes long passphrases in any script', () => {
    expect(passwordProblem('correct horse battery staple', 'sita')).toBeNull();
    expect(passwordProblem('नेपाल बाल श्रम अन्त्य', 'sita')).toBeNull();
  });

  it('counts characters, not bytes, at the length edges', () => {
    expect(passwordProblem('a1b2c3d4e'.slice(0, PASSWORD_MIN - 1), 'x')).toBe('password_too_short');
    expect(passwordProblem('a1b2c3d4e5', 'x')).toBeNull();
    expect(passwordProblem('ab12'.repeat(50), 'x')).toBeNull();
    expect(passwordProblem(`${'ab12'.repeat(50)}z`, 'x')).toBe('password_too_long');
    expect(PASSWORD_MAX).toBe(200);
    expect(passwordProblem('éééééééééé', 'x')).toBe('password_too_simple');
  });

  it('refuses the user name inside the password and one-character repeats', () => {
    expect(passwordProblem('my-name-is-Sita-2026', 'sita')).toBe('password_contains_username');
    expect(passwordProblem('aaaaaaaaaaaa', 'x')).toBe('password_too_simple');
  });
});
