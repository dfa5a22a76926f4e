import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** Placeholder: the owner of "Training images" replaces this page's content. Route: /admin/images. */
@Component({
  selector: 'app-images-page',
  imports: [MatIconModule],
  template: `
    <section class="page admin-page">
      <header class="admin-page-header">
        <mat-icon aria-hidden="true">photo_library</mat-icon>
        <h1>Training images</h1>
      </header>
      <div class="card placeholder">
        <p>Browse, upload (single photos or a ZIP), label and bulk-edit the labelled photos the model learns from, with keyboard shortcuts in the labelling table.</p>
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
export class ImagesPage {}
