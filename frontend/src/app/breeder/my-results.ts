/**
 * The results this browser asked for, with the answer token the API handed out with each: only the uploader may
 * say whether a result is right, so a shared link reads right for each reader (its owner can answer and sees
 * "you", anyone else sees "the owner"). Kept in localStorage (no login on the public pages); when that is
 * unavailable (private browsing), a result can be answered only until the page is left.
 */
const KEY = 'cat-identifier.my-results';
const MAX = 200;
/** for a browser whose storage is blocked: remembered for this page's life */
const memory = new Map<string, string>();

function read(): Array<[string, string]> {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is [string, string] => Array.isArray(x) && typeof x[0] === 'string' && typeof x[1] === 'string') : [];
  } catch {
    return [];
  }
}

/** Remembers a result this browser created, with its answer token. */
export function rememberMyResult(id: string, answerToken: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify([[id, answerToken], ...read().filter(([x]) => x !== id)].slice(0, MAX)));
  } catch {
    memory.set(id, answerToken); // storage full or blocked: remembered for this visit
  }
}

/** The answer token of a result this browser created, or null (someone else's result). */
export function answerTokenFor(id: string): string | null {
  return read().find(([x]) => x === id)?.[1] ?? memory.get(id) ?? null;
}

export function isMyResult(id: string): boolean {
  return answerTokenFor(id) !== null;
}
