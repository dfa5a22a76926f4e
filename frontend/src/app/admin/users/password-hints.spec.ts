import { allOk, passwordRules, usernameRules } from './password-hints';

describe('admin account hints', () => {
  it('accepts a sensible username and password', () => {
    expect(allOk(usernameRules('anna.admin'))).toBe(true);
    expect(allOk(passwordRules('correct horse battery', 'anna.admin'))).toBe(true);
  });
  it('flags each broken rule', () => {
    expect(allOk(usernameRules('a b'))).toBe(false);
    const rules = passwordRules('bob12', 'bob');
    expect(rules.filter((r) => !r.ok).map((r) => r.text)).toEqual(['At least 10 characters', 'Does not contain the username']);
    expect(passwordRules('aaaaaaaaaaaa', 'x').find((r) => !r.ok)?.text).toBe('Not one repeated character');
  });
});
