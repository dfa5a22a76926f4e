import { ChangeDetectionStrategy, Component, Injector, afterNextRender, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';
import { ThemeService } from '../theme/theme-service';

/** Root component: top bar (brand, analyser, admin, theme toggle), skip link and the routed page. */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule, MatIconModule, MatTooltipModule],
  templateUrl: './app-shell.html',
  styleUrl: './app-shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppShell {
  protected readonly theme = inject(ThemeService);
  private readonly injector = inject(Injector);

  constructor() {
    // After moving to another page (not on the first load, nor when only the query changes, e.g. a filter kept in
    // the URL), focus would stay on the link or button that was used, or fall to <body>: a keyboard or screen-reader
    // user would start again from the top bar. Move it to the new page's heading, unless the page placed it itself.
    let path: string | null = null;
    inject(Router)
      .events.pipe(
        filter((e): e is NavigationEnd => e instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe((e) => {
        const next = e.urlAfterRedirects.split(/[?#]/)[0];
        const moved = path !== null && next !== path;
        path = next;
        if (moved) afterNextRender(() => focusPageStart(), { injector: this.injector });
      });
  }

  protected readonly themeIcon = computed(() =>
    ({ system: 'brightness_auto', light: 'light_mode', dark: 'dark_mode' })[this.theme.mode()],
  );
  protected readonly themeLabel = computed(() => {
    const next = { system: 'light', light: 'dark', dark: 'system default' }[this.theme.mode()];
    const now = { system: 'system default', light: 'light', dark: 'dark' }[this.theme.mode()];
    return `Theme: ${now}. Switch to ${next}`;
  });

  protected focusMain(event: Event): void {
    event.preventDefault();
    document.getElementById('main')?.focus();
  }
}

/**
 * Focuses the page's main heading (or the main region), unless the new page already placed focus itself (anywhere
 * in the page but on the link that led there, e.g. the admin menu, which stays on screen). `force`: even then.
 */
export function focusPageStart(doc: Document = document, force = false): void {
  const main = doc.getElementById('main');
  const active = doc.activeElement;
  if (!main || (!force && active && main.contains(active) && active.tagName !== 'A')) return;
  const heading = main.querySelector<HTMLElement>('h1');
  const target = heading ?? main;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}
