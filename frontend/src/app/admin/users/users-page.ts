import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { AuthStore } from '../../core/auth/auth-store';
import { describeHttpError } from '../../core/http/http-error';
import { AdminUser, AuditAction, AuditEntry, UsersApi } from './users-api';
import { allOk, passwordRules, usernameRules } from './password-hints';

const ACTION_TEXT: Record<AuditAction, string> = {
  'user.created': 'added admin',
  'user.disabled': 'disabled',
  'user.enabled': 'enabled',
  'user.password-changed': 'changed the password of',
};

/**
 * Admin accounts: who can sign in, add an admin (with the password rules shown while typing), disable or
 * enable one (never yourself; asks first), change your own password, and the audit log of every change.
 */
@Component({
  selector: 'app-users-page',
  imports: [DatePipe, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, MatTableModule],
  templateUrl: './users-page.html',
  styleUrl: './users-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersPage {
  private readonly api = inject(UsersApi);
  private readonly auth = inject(AuthStore);

  readonly me = this.auth.user;
  readonly userColumns = ['username', 'status', 'created', 'actions'];
  readonly auditColumns = ['when', 'who', 'what'];

  readonly users = signal<AdminUser[]>([]);
  readonly audit = signal<AuditEntry[]>([]);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly notice = signal<string | null>(null);

  // add admin
  readonly newUsername = signal('');
  readonly newPassword = signal('');
  readonly creating = signal(false);
  readonly createError = signal<string | null>(null);
  readonly hideNew = signal(true);
  readonly usernameRules = computed(() => usernameRules(this.newUsername()));
  readonly passwordRules = computed(() => passwordRules(this.newPassword(), this.newUsername()));
  readonly canCreate = computed(() => allOk(this.usernameRules()) && allOk(this.passwordRules()) && !this.creating());

  // disable / enable
  readonly confirming = signal<AdminUser | null>(null);
  readonly toggling = signal(false);

  // own password
  readonly currentPw = signal('');
  readonly nextPw = signal('');
  readonly repeatPw = signal('');
  readonly changing = signal(false);
  readonly pwError = signal<string | null>(null);
  readonly pwNotice = signal<string | null>(null);
  readonly nextRules = computed(() => [
    ...passwordRules(this.nextPw(), this.me()?.username ?? ''),
    { text: 'Different from the current password', ok: !!this.nextPw() && this.nextPw() !== this.currentPw() },
    { text: 'Both new password fields match', ok: !!this.nextPw() && this.nextPw() === this.repeatPw() },
  ]);
  readonly canChange = computed(() => !!this.currentPw() && allOk(this.nextRules()) && !this.changing());

  constructor() {
    this.load();
  }

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.list().subscribe({
      next: (u) => {
        this.users.set(u);
        this.loading.set(false);
      },
      error: (err) => {
        this.loading.set(false);
        this.error.set(describeHttpError(err));
      },
    });
    this.loadAudit();
  }

  loadAudit(): void {
    this.api.audit().subscribe({ next: (a) => this.audit.set(a), error: (err) => this.error.set(describeHttpError(err)) });
  }

  isMe(u: AdminUser): boolean {
    return u.id === this.me()?.id;
  }

  actionText(a: AuditAction): string {
    return ACTION_TEXT[a] ?? a;
  }

  create(event: Event): void {
    event.preventDefault();
    if (!this.canCreate()) return;
    this.creating.set(true);
    this.createError.set(null);
    this.api.create(this.newUsername().trim(), this.newPassword()).subscribe({
      next: (u) => {
        this.creating.set(false);
        this.newUsername.set('');
        this.newPassword.set('');
        this.notice.set(`Added admin “${u.username}”. Give them the initial password in person; they can change it here after signing in.`);
        this.load();
      },
      error: (err) => {
        this.creating.set(false);
        this.createError.set(describeHttpError(err));
      },
    });
  }

  askToggle(u: AdminUser): void {
    if (this.isMe(u) && !u.disabled) return;
    this.confirming.set(u);
    this.notice.set(null);
  }

  confirmToggle(): void {
    const u = this.confirming();
    if (!u) return;
    this.toggling.set(true);
    this.api.setDisabled(u.id, !u.disabled).subscribe({
      next: (updated) => {
        this.toggling.set(false);
        this.confirming.set(null);
        this.notice.set(updated.disabled ? `Disabled “${updated.username}”: they are signed out and cannot sign in.` : `Enabled “${updated.username}” again.`);
        this.load();
      },
      error: (err) => {
        this.toggling.set(false);
        this.confirming.set(null);
        this.error.set(describeHttpError(err));
      },
    });
  }

  changePassword(event: Event): void {
    event.preventDefault();
    if (!this.canChange()) return;
    this.changing.set(true);
    this.pwError.set(null);
    this.pwNotice.set(null);
    this.api.changeOwnPassword(this.currentPw(), this.nextPw()).subscribe({
      next: () => {
        this.changing.set(false);
        this.currentPw.set('');
        this.nextPw.set('');
        this.repeatPw.set('');
        this.pwNotice.set('Your password was changed. Use the new one next time you sign in.');
        this.loadAudit();
      },
      error: (err) => {
        this.changing.set(false);
        this.pwError.set(describeHttpError(err));
      },
    });
  }

  value(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }
}
