import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';
import { provideAnimationsAsync } from '@angular/platform-browser/animations/async';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { routes } from './app.routes';
import { AuthStore } from './core/auth/auth-store';
import { authInterceptor } from './core/http/auth.interceptor';
import { ThemeService } from './core/theme/theme-service';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    // ngx-charts' line/area charts bind @animationState even with [animations]=false: they need an animation renderer.
    provideAnimationsAsync(),
    provideBrowserGlobalErrorListeners(),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top', anchorScrolling: 'enabled' }),
    ),
    // XHR backend (not fetch): upload progress events need it.
    provideHttpClient(withInterceptors([authInterceptor])),
    provideAppInitializer(() => {
      // <mat-icon>name</mat-icon> renders Material Symbols Outlined (self-hosted, see angular.json styles).
      inject(MatIconRegistry).setDefaultFontSetClass('material-symbols-outlined');
      inject(ThemeService);
      // Restore an admin session from the refresh cookie in the background (admin pages only: breeders have
      // no session, so the public pages make no auth call); adminGuard awaits it on navigation to /admin.
      if (location.pathname.startsWith('/admin')) void inject(AuthStore).restoreSession();
    }),
  ],
};
