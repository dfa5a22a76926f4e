import { passwordProblems, usernameProblems } from './password-rules';

describe('admin account rules', () => {
  it('accepts a sensible username and password', () => {
    expect(usernameProblems('anna.admin')).toEqual([]);
    expect(passwordProblems('correct horse battery', 'anna.admin')).toEqual([]);
  });
  it('rejects short or odd usernames', () => {
    expect(usernameProblems('a')).toHaveLength(1);
    expect(usernameProblems('has space')).toHaveLength(1);
    expect(usernameProblems('../etc')).toHaveLength(1);
  });
  it('says every problem with a weak password', () => {
    expect(passwordProblems('short', 'bob')).toEqual(['Password must be at least 10 characters long.']);
    expect(passwordProblems('xxbob-secret-xx', 'bob')).toEqual(['Password must not contain the username.']);
    expect(passwordProblems('aaaaaaaaaaaa', 'bob')).toEqual(['Password must not be one repeated character.']);
  });
});
