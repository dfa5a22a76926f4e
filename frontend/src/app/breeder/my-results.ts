/**
 * The results this browser asked for or answered, so a shared link reads right for each reader: its owner sees
 * "your answer", anyone else "the owner's answer". Kept in localStorage (no login on the public pages); when that
 * is unavailable (private browsing), every result reads as someone else's, which is never wrong, only less warm.
 */
const KEY = 'cat-identifier.my-results';
const MAX = 200;

function read(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberMyResult(id: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify([id, ...read().filter((x) => x !== id)].slice(0, MAX)));
  } catch {
    // storage full or blocked: nothing to remember with
  }
}

export function isMyResult(id: string): boolean {
  return read().includes(id);
}
