import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Observable, catchError, finalize, firstValueFrom, map, of, shareReplay, tap } from 'rxjs';
import { AuthApi, AuthSession, AuthUser } from './auth-api';

/**
 * Admin session state. The access token lives in memory only (a signal); the refresh token is an
 * httpOnly cookie the browser sends to `/api/auth/refresh`. On app start `restoreSession()` tries one
 * refresh so a reload keeps the admin signed in. When the browser has no refresh cookie the server answers
 * that refresh with 200 `{ accessToken: null, user: null }` (not 401, so no console error on every admin
 * page load); nothing about the session is ever written to JS-readable storage.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(AuthApi);
  private readonly router = inject(Router);

  private readonly token = signal<string | null>(null);
  private readonly currentUser = signal<AuthUser | null>(null);
  private refreshInFlight$: Observable<string | null> | null = null;
  private restored: Promise<boolean> | null = null;

  readonly accessToken = this.token.asReadonly();
  readonly user = this.currentUser.asReadonly();
  readonly isLoggedIn = computed(() => this.token() !== null);

  /** Starts (once) restoring the session from the refresh cookie; resolves true when signed in. */
  restoreSession(): Promise<boolean> {
    this.restored ??= firstValueFrom(this.refresh()).then((t) => t !== null);
    return this.restored;
  }

  login(username: string, password: string): Observable<AuthUser> {
    return this.api.login(username, password).pipe(
      tap((s) => this.setSession(s)),
      map((s) => s.user),
    );
  }

  /**
   * Exchanges the refresh cookie for a new access token. Concurrent callers share one request.
   * Emits the new token, or null when there is no valid session (never errors).
   */
  refresh(): Observable<string | null> {
    if (!this.refreshInFlight$) {
      this.refreshInFlight$ = this.api.refresh().pipe(
        map((s) => {
          // `{ accessToken: null }` = no refresh cookie at all: simply not signed in (same outcome as a 401)
          if (!s?.accessToken || !s.user) {
            this.clear();
            return null;
          }
          this.setSession(s);
          return s.accessToken;
        }),
        catchError(() => {
          this.clear();
          return of(null);
        }),
        finalize(() => (this.refreshInFlight$ = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.refreshInFlight$;
  }

  logout(): Observable<void> {
    return this.api.logout().pipe(
      catchError(() => of(undefined)),
      map(() => undefined),
      finalize(() => {
        this.clear();
        void this.router.navigateByUrl('/admin/login');
      }),
    );
  }

  /** Called when the session cannot be renewed: forget it and send the admin to the login page. */
  sessionExpired(): void {
    this.clear();
    const current = this.router.url;
    if (current.startsWith('/admin/login')) return;
    void this.router.navigate(['/admin/login'], {
      queryParams: current.startsWith('/admin') ? { returnUrl: current, expired: 1 } : { expired: 1 },
    });
  }

  clear(): void {
    this.token.set(null);
    this.currentUser.set(null);
  }

  private setSession(s: AuthSession): void {
    this.token.set(s.accessToken);
    this.currentUser.set(s.user);
  }
}
