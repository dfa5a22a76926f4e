import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** Placeholder: the owner of "Web search" replaces this page's content. Route: /admin/search. */
@Component({
  selector: 'app-search-page',
  imports: [MatIconModule],
  template: `
    <section class="page admin-page">
      <header class="admin-page-header">
        <mat-icon aria-hidden="true">travel_explore</mat-icon>
        <h1>Web search</h1>
      </header>
      <div class="card placeholder">
        <p>Search openly licensed image sources for British Shorthair photos, preview them with their licence and add the good ones to the training set.</p>
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
export class SearchPage {}
