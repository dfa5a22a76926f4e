import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** Placeholder: the owner of "Users" replaces this page's content. Route: /admin/users. */
@Component({
  selector: 'app-users-page',
  imports: [MatIconModule],
  template: `
    <section class="page admin-page">
      <header class="admin-page-header">
        <mat-icon aria-hidden="true">group</mat-icon>
        <h1>Users</h1>
      </header>
      <div class="card placeholder">
        <p>Manage administrator accounts and see the audit log.</p>
        <p class="muted">This page is coming soon.</p>
      </div>
    </section>
  `,
  styles: `
    .admin-page-header { display: flex; align-items: center; gap: 12px; margin-bottom: 16px; }
    .admin-page-header mat-icon { color: var(--mat-sys-primary); }
    .placeholder { display: grid; gap: 8px; max-width: 720px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersPage {}
