import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** Placeholder: the owner of "Training" replaces this page's content. Route: /admin/training. */
@Component({
  selector: 'app-training-page',
  imports: [MatIconModule],
  template: `
    <section class="page admin-page">
      <header class="admin-page-header">
        <mat-icon aria-hidden="true">model_training</mat-icon>
        <h1>Training</h1>
      </header>
      <div class="card placeholder">
        <p>Start training runs, follow their progress and log lines live, and cancel a run.</p>
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
export class TrainingPage {}
