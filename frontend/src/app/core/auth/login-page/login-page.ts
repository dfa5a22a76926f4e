import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { describeHttpError } from '../../http/http-error';
import { AuthStore } from '../auth-store';

/** `/admin/login`: username + password; a generic message on failure (never says which one was wrong). */
@Component({
  selector: 'app-login-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule],
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  /** Query parameters (component input binding). */
  readonly returnUrl = input<string | undefined>();
  readonly expired = input<string | undefined>();

  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    username: ['', Validators.required],
    password: ['', Validators.required],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly hidePassword = signal(true);
  private readonly errorBox = viewChild<ElementRef<HTMLElement>>('errorBox');
  private readonly host = inject(ElementRef<HTMLElement>).nativeElement as HTMLElement;
  private readonly formDirective = viewChild(FormGroupDirective);

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.error.set(null); // the last attempt's "wrong password" is not about these empty fields
      // take the user to the first field that needs them (its error is read out with it)
      this.host.querySelector<HTMLInputElement>('input.ng-invalid')?.focus();
      return;
    }
    const { username, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set(null);
    this.auth.login(username.trim(), password).subscribe({
      next: () => {
        this.submitting.set(false);
        void this.router.navigateByUrl(this.safeReturnUrl());
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        // clear the password for the next try without flagging it "Enter your password." under the banner: a reset
        // of the form directive also forgets that the form was submitted
        this.formDirective()?.resetForm({ username, password: '' });
        this.error.set(
          err instanceof HttpErrorResponse && (err.status === 401 || err.status === 400)
            ? 'Wrong username or password.'
            : err instanceof HttpErrorResponse && err.status === 429
              ? 'Too many sign-in attempts. Please wait a minute and try again.'
              : describeHttpError(err),
        );
        setTimeout(() => this.errorBox()?.nativeElement.focus());
      },
    });
  }

  /** Only same-app admin paths (no open redirect). */
  private safeReturnUrl(): string {
    const url = this.returnUrl();
    return url && url.startsWith('/admin') && !url.startsWith('/admin/login') && !url.startsWith('//') ? url : '/admin';
  }
}
