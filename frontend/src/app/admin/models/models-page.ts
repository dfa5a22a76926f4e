import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** Placeholder: the owner of "Models" replaces this page's content. Route: /admin/models. */
@Component({
  selector: 'app-models-page',
  imports: [MatIconModule],
  template: `
    <section class="page admin-page">
      <header class="admin-page-header">
        <mat-icon aria-hidden="true">deployed_code</mat-icon>
        <h1>Models</h1>
      </header>
      <div class="card placeholder">
        <p>Compare trained models by their evaluation metrics and choose which one answers breeders (activate / roll back).</p>
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
export class ModelsPage {}
