import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A small round coat-colour sample. Decorative unless `label` is given. Missing colour → dashed "?" dot. */
@Component({
  selector: 'app-colour-swatch',
  template: `
    <span class="dot" [class.empty]="!colour()" [style.background]="colour() || null"
          [attr.role]="label() ? 'img' : null" [attr.aria-label]="label() || null"
          [attr.aria-hidden]="label() ? null : 'true'">@if (!colour()) {?}</span>
  `,
  styles: `
    :host { display: inline-flex; vertical-align: middle; }
    .dot {
      display: inline-grid;
      place-items: center;
      width: var(--swatch-size, 20px);
      height: var(--swatch-size, 20px);
      border-radius: 50%;
      border: 1px solid color-mix(in srgb, var(--mat-sys-on-surface) 55%, transparent);
      box-shadow: inset 0 0 0 2px color-mix(in srgb, var(--mat-sys-surface) 35%, transparent);
      font-size: 12px;
      font-weight: 700;
      color: var(--mat-sys-on-surface-variant);
    }
    .empty { border-style: dashed; background: transparent; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ColourSwatch {
  readonly colour = input<string | null | undefined>(null);
  readonly label = input<string | null>(null);
}
