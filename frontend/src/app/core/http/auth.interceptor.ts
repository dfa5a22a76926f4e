import { HttpContextToken, HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { AuthStore } from '../auth/auth-store';

/** Set on a request that must not get the Bearer token nor the refresh-and-retry treatment. */
export const SKIP_AUTH = new HttpContextToken<boolean>(() => false);

/** True for the calls that need the admin's Bearer token: `/api/admin/**` and `/api/auth/me`. */
export function needsBearer(url: string): boolean {
  const path = new URL(url, 'http://same-origin.invalid').pathname;
  return path.startsWith('/api/admin/') || path === '/api/admin' || path === '/api/auth/me';
}

function withToken(req: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}

/**
 * Adds `Authorization: Bearer <accessToken>` to admin calls. On a 401 it tries one
 * `POST /api/auth/refresh` (shared between concurrent requests) and retries once with the new token;
 * if that is impossible the session is dropped and the admin is sent to /admin/login.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (req.context.get(SKIP_AUTH) || !needsBearer(req.url)) return next(req);
  const auth = inject(AuthStore);

  return next(withToken(req, auth.accessToken())).pipe(
    catchError((err: unknown) => {
      if (!(err instanceof HttpErrorResponse) || err.status !== 401) return throwError(() => err);
      return auth.refresh().pipe(
        switchMap((token) => {
          if (!token) {
            auth.sessionExpired();
            return throwError(() => err);
          }
          return next(withToken(req, token)).pipe(
            catchError((retryErr: unknown) => {
              if (retryErr instanceof HttpErrorResponse && retryErr.status === 401) auth.sessionExpired();
              return throwError(() => retryErr);
            }),
          );
        }),
      );
    }),
  );
};
