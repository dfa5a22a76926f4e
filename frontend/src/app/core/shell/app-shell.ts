import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
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
