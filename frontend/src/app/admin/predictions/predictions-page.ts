import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** Placeholder: the owner of "Predictions review" replaces this page's content. Route: /admin/predictions. */
@Component({
  selector: 'app-predictions-page',
  imports: [MatIconModule],
  template: `
    <section class="page admin-page">
      <header class="admin-page-header">
        <mat-icon aria-hidden="true">rate_review</mat-icon>
        <h1>Predictions review</h1>
      </header>
      <div class="card placeholder">
        <p>Review breeders’ predictions and their feedback, and turn corrections into new training labels.</p>
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
export class PredictionsPage {}
