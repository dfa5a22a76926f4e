import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AuthStore } from '../auth/auth-store';
import { authInterceptor, needsBearer } from './auth.interceptor';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthStore;
  let router: Router;

  const session = (token: string) => ({ accessToken: token, user: { id: 'u1', username: 'admin' } });

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
    router = TestBed.inject(Router);
    vi.spyOn(router, 'navigate').mockResolvedValue(true);
  });

  afterEach(() => backend.verify());

  function signIn(token = 'old-token') {
    auth.refresh().subscribe();
    backend.expectOne('/api/auth/refresh').flush(session(token));
    expect(auth.accessToken()).toBe(token);
  }

  it('knows which URLs need the Bearer token', () => {
    expect(needsBearer('/api/admin/images?page=1')).toBe(true);
    expect(needsBearer('/api/auth/me')).toBe(true);
    expect(needsBearer('http://localhost:3000/api/admin/models')).toBe(true);
    expect(needsBearer('/api/predictions')).toBe(false);
    expect(needsBearer('/api/auth/login')).toBe(false);
    expect(needsBearer('/api/auth/refresh')).toBe(false);
    expect(needsBearer('/api/administrator')).toBe(false);
  });

  it('adds the Bearer token to admin calls only', () => {
    signIn('tok-1');
    http.get('/api/admin/images').subscribe();
    http.get('/api/predictions/p1').subscribe();
    expect(backend.expectOne('/api/admin/images').request.headers.get('Authorization')).toBe('Bearer tok-1');
    expect(backend.expectOne('/api/predictions/p1').request.headers.has('Authorization')).toBe(false);
  });

  it('on 401 refreshes once, then retries with the new token', () => {
    signIn('old-token');
    let result: unknown;
    http.get('/api/admin/models').subscribe((r) => (result = r));

    backend.expectOne('/api/admin/models').flush({ message: 'expired' }, { status: 401, statusText: 'Unauthorized' });
    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.method).toBe('POST');
    expect(refresh.request.withCredentials).toBe(true);
    refresh.flush(session('new-token'));

    const retry = backend.expectOne('/api/admin/models');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new-token');
    retry.flush([{ id: 'm1' }]);
    expect(result).toEqual([{ id: 'm1' }]);
    expect(router.navigate).not.toHaveBeenCalled();
  });

  it('shares one refresh between concurrent 401s', () => {
    signIn();
    const results: unknown[] = [];
    http.get('/api/admin/a').subscribe((r) => results.push(r));
    http.get('/api/admin/b').subscribe((r) => results.push(r));
    backend.expectOne('/api/admin/a').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/admin/b').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/auth/refresh').flush(session('fresh'));
    backend.expectOne('/api/admin/a').flush('A');
    backend.expectOne('/api/admin/b').flush('B');
    expect(results.sort()).toEqual(['A', 'B']);
  });

  it('when refresh fails: clears the session, goes to the login page and reports the 401', () => {
    signIn();
    let status = 0;
    http.get('/api/admin/users').subscribe({ error: (e) => (status = e.status) });
    backend.expectOne('/api/admin/users').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/auth/refresh').flush({ message: 'no session' }, { status: 401, statusText: 'Unauthorized' });

    expect(status).toBe(401);
    expect(auth.isLoggedIn()).toBe(false);
    expect(router.navigate).toHaveBeenCalledWith(['/admin/login'], expect.anything());
  });

  it('when the refresh answers "no session" (cookie gone): same as a failed refresh', () => {
    signIn();
    let status = 0;
    http.get('/api/admin/users').subscribe({ error: (e) => (status = e.status) });
    backend.expectOne('/api/admin/users').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/auth/refresh').flush({ accessToken: null, user: null });

    expect(status).toBe(401);
    expect(auth.isLoggedIn()).toBe(false);
    expect(router.navigate).toHaveBeenCalledWith(['/admin/login'], {
      queryParams: expect.objectContaining({ expired: 1 }),
    });
  });

  it('does not loop: a 401 on the retried request gives up without a second refresh', () => {
    signIn();
    let status = 0;
    http.get('/api/admin/x').subscribe({ error: (e) => (status = e.status) });
    backend.expectOne('/api/admin/x').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/auth/refresh').flush(session('t2'));
    backend.expectOne('/api/admin/x').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectNone('/api/auth/refresh');
    expect(status).toBe(401);
    expect(router.navigate).toHaveBeenCalledWith(['/admin/login'], expect.anything());
  });

  it('passes other errors through untouched', () => {
    signIn();
    let status = 0;
    http.get('/api/admin/x').subscribe({ error: (e) => (status = e.status) });
    backend.expectOne('/api/admin/x').flush(null, { status: 500, statusText: 'Server Error' });
    backend.expectNone('/api/auth/refresh');
    expect(status).toBe(500);
  });
});
