/** Username and password rules for admin accounts (pure, unit-tested). Returns readable problems. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;
export const MIN_PASSWORD_LENGTH = 10;

export function usernameProblems(username: string): string[] {
  if (!USERNAME_PATTERN.test(username.trim().toLowerCase())) {
    return ['Username must be 3–32 characters: letters, digits, dot, dash or underscore, starting with a letter or digit.'];
  }
  return [];
}

export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`Password must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
  if (password.length > 200) problems.push('Password must be at most 200 characters long.');
  if (username && password.toLowerCase().includes(username.trim().toLowerCase())) {
    problems.push('Password must not contain the username.');
  }
  if (/^(.)\1*$/.test(password)) problems.push('Password must not be one repeated character.');
  return problems;
}
