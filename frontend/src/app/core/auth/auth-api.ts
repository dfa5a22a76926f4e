import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

export interface AuthUser {
  id: string;
  username: string;
}

export interface AuthSession {
  accessToken: string;
  user: AuthUser;
}

/**
 * What `POST /api/auth/refresh` answers (200) when the browser sent no refresh cookie at all, i.e. nobody
 * is signed in here. It is not a 401 on purpose, so the start-up session restore on /admin pages does not
 * show up as a red console error; a cookie that is sent but invalid/expired/reused is still a 401.
 */
export interface NoSession {
  accessToken: null;
  user: null;
}

/** The backend's auth endpoints. The refresh token lives in an httpOnly cookie, so calls send credentials. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  login(username: string, password: string): Observable<AuthSession> {
    return this.http.post<AuthSession>('/api/auth/login', { username, password }, { withCredentials: true });
  }

  refresh(): Observable<AuthSession | NoSession> {
    return this.http.post<AuthSession | NoSession>('/api/auth/refresh', null, { withCredentials: true });
  }

  logout(): Observable<void> {
    return this.http.post<void>('/api/auth/logout', null, { withCredentials: true });
  }

  /** The Bearer token is added by the auth interceptor. */
  me(): Observable<AuthUser> {
    return this.http.get<AuthUser>('/api/auth/me');
  }
}
