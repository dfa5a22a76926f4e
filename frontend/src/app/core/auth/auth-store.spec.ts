import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AuthStore } from './auth-store';

describe('AuthStore', () => {
  let backend: HttpTestingController;
  let auth: AuthStore;
  let router: Router;

  const session = (token: string) => ({ accessToken: token, user: { id: 'u1', username: 'admin' } });

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
    router = TestBed.inject(Router);
    vi.spyOn(router, 'navigate').mockResolvedValue(true);
    vi.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => backend.verify());

  it('restores the session from the refresh cookie (one shared request)', async () => {
    const a = auth.restoreSession();
    const b = auth.restoreSession();
    const req = backend.expectOne('/api/auth/refresh');
    expect(req.request.method).toBe('POST');
    expect(req.request.withCredentials).toBe(true);
    req.flush(session('tok'));
    expect(await a).toBe(true);
    expect(await b).toBe(true);
    expect(auth.isLoggedIn()).toBe(true);
    expect(auth.user()?.username).toBe('admin');
  });

  it('treats the "no refresh cookie" answer (200, null token) as signed out, without redirecting', async () => {
    const restored = auth.restoreSession();
    backend.expectOne('/api/auth/refresh').flush({ accessToken: null, user: null });
    expect(await restored).toBe(false);
    expect(auth.isLoggedIn()).toBe(false);
    expect(auth.user()).toBeNull();
    expect(router.navigate).not.toHaveBeenCalled();
  });

  it('treats a refused refresh (401: invalid, expired or reused cookie) as signed out', async () => {
    const restored = auth.restoreSession();
    backend.expectOne('/api/auth/refresh').flush({ message: 'expired' }, { status: 401, statusText: 'Unauthorized' });
    expect(await restored).toBe(false);
    expect(auth.isLoggedIn()).toBe(false);
  });

  it('a "no session" answer drops an in-memory session too', () => {
    auth.refresh().subscribe();
    backend.expectOne('/api/auth/refresh').flush(session('tok'));
    let token: string | null = 'unset';
    auth.refresh().subscribe((t) => (token = t));
    backend.expectOne('/api/auth/refresh').flush({ accessToken: null, user: null });
    expect(token).toBeNull();
    expect(auth.isLoggedIn()).toBe(false);
  });

  it('logout clears the session and goes to the login page, even if the call fails', () => {
    auth.refresh().subscribe();
    backend.expectOne('/api/auth/refresh').flush(session('tok'));
    auth.logout().subscribe();
    backend.expectOne('/api/auth/logout').flush(null, { status: 500, statusText: 'Server Error' });
    expect(auth.isLoggedIn()).toBe(false);
    expect(auth.user()).toBeNull();
    expect(router.navigateByUrl).toHaveBeenCalledWith('/admin/login');
  });
});
