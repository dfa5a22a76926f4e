/**
 * The admin account rules, as hints while typing (mirrors backend users/domain/password-rules.ts;
 * the server checks again and its message wins).
 */
export const MIN_PASSWORD_LENGTH = 10;
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export interface Rule {
  text: string;
  ok: boolean;
}

export function usernameRules(username: string): Rule[] {
  return [{ text: '3–32 characters: letters, digits, dot, dash or underscore, starting with a letter or digit', ok: USERNAME_PATTERN.test(username.trim().toLowerCase()) }];
}

export function passwordRules(password: string, username: string): Rule[] {
  const name = username.trim().toLowerCase();
  return [
    { text: `At least ${MIN_PASSWORD_LENGTH} characters`, ok: password.length >= MIN_PASSWORD_LENGTH && password.length <= 200 },
    { text: 'Does not contain the username', ok: password.length > 0 && (!name || !password.toLowerCase().includes(name)) },
    { text: 'Not one repeated character', ok: password.length > 0 && !/^(.)\1*$/.test(password) },
  ];
}

export function allOk(rules: Rule[]): boolean {
  return rules.every((r) => r.ok);
}
