import { DOCUMENT, Injectable, inject, signal } from '@angular/core';

export type ThemeMode = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'cat-identifier.theme';
const ORDER: ThemeMode[] = ['system', 'light', 'dark'];

/**
 * Light/dark choice. "system" follows prefers-color-scheme; "light"/"dark" set a class on <html>
 * that pins `color-scheme`, which the Material light-dark() tokens follow.
 */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<ThemeMode>(this.readStored());

  readonly mode = this.current.asReadonly();

  constructor() {
    this.apply(this.current());
  }

  set(mode: ThemeMode): void {
    this.current.set(mode);
    this.apply(mode);
    try {
      if (mode === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, mode);
    } catch {
      /* storage may be blocked: the choice just is not remembered */
    }
  }

  /** system → light → dark → system */
  cycle(): void {
    this.set(ORDER[(ORDER.indexOf(this.current()) + 1) % ORDER.length]);
  }

  private apply(mode: ThemeMode): void {
    const cl = this.document.documentElement.classList;
    cl.toggle('theme-light', mode === 'light');
    cl.toggle('theme-dark', mode === 'dark');
  }

  private readStored(): ThemeMode {
    try {
      const v = localStorage.getItem(STORAGE_KEY);
      return v === 'light' || v === 'dark' ? v : 'system';
    } catch {
      return 'system';
    }
  }
}
