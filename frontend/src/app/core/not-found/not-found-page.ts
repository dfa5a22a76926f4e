import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'app-not-found-page',
  imports: [RouterLink, MatButtonModule, MatIconModule],
  template: `
    <section class="page not-found">
      <mat-icon aria-hidden="true">pets</mat-icon>
      <h1>This page does not exist</h1>
      <p class="muted">The link may be mistyped or out of date.</p>
      <a mat-flat-button routerLink="/">Analyse a photo</a>
    </section>
  `,
  styles: `
    .not-found { display: flex; flex-direction: column; align-items: center; gap: 16px; text-align: center; padding-top: 64px; }
    mat-icon { width: 56px; height: 56px; font-size: 56px; color: var(--mat-sys-primary); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
