import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { LoginPage } from './login-page';

describe('LoginPage', () => {
  it('after a wrong password: one message (the banner), the password cleared, no "Enter your password." under it', async () => {
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations()],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(LoginPage);
    const el: HTMLElement = fixture.nativeElement;
    fixture.detectChanges();
    const type = (label: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(`input[formcontrolname=${label}]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('username', 'anna');
    type('password', 'not it');
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    backend.expectOne('/api/auth/login').flush({ message: 'Invalid credentials' }, { status: 401, statusText: 'Unauthorized' });
    fixture.detectChanges();
    await fixture.whenStable();

    expect(el.querySelector('[role=alert]')?.textContent).toContain('Wrong username or password.');
    expect(el.querySelector('mat-error')).toBeNull();
    expect(el.querySelector<HTMLInputElement>('input[formcontrolname=password]')!.value).toBe('');
    expect(el.querySelector<HTMLInputElement>('input[formcontrolname=username]')!.value).toBe('anna');
    backend.verify();
  });

  it('sending an empty form takes focus to the first empty field', async () => {
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations()],
    });
    const fixture = TestBed.createComponent(LoginPage);
    const el: HTMLElement = fixture.nativeElement;
    document.body.appendChild(el);
    fixture.detectChanges();
    const password = el.querySelector<HTMLInputElement>('input[formcontrolname=password]')!;
    password.value = 'something';
    password.dispatchEvent(new Event('input'));
    password.focus();
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    fixture.detectChanges();
    expect(document.activeElement).toBe(el.querySelector('input[formcontrolname=username]'));
    el.remove();
  });
});
