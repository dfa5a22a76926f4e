import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ColourSwatch } from '../colour-swatch/colour-swatch';

/** A compact pill: optional swatch, the value in breeder words, the EMS code, and a "not sure" marker. */
@Component({
  selector: 'app-trait-chip',
  imports: [ColourSwatch],
  template: `
    @if (swatch() !== undefined) {
      <app-colour-swatch [colour]="swatch()" />
    }
    <span class="label">{{ label() }}</span>
    @if (emsCode()) {
      <span class="code" [attr.aria-label]="'EMS code ' + emsCode()">{{ emsCode() }}</span>
    }
    @if (unsure()) {
      <span class="unsure">not sure</span>
    }
  `,
  styles: `
    :host {
      --swatch-size: 16px;
      display: inline-flex;
      align-items: center;
      gap: 6px;
      min-height: 32px;
      padding: 4px 12px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-large);
      white-space: nowrap;
    }
    :host(.is-unsure) {
      background: var(--app-warning-container);
      color: var(--mat-sys-on-surface);
    }
    .code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 12px;
      padding: 1px 6px;
      border-radius: 4px;
      background: color-mix(in srgb, currentColor 12%, transparent);
    }
    .unsure { font-size: 12px; font-weight: 600; color: var(--app-warning); }
  `,
  host: { '[class.is-unsure]': 'unsure()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TraitChip {
  readonly label = input.required<string>();
  readonly emsCode = input<string | null | undefined>(null);
  /** undefined = no swatch; null/'' = "unknown colour" swatch. */
  readonly swatch = input<string | null | undefined>(undefined);
  readonly unsure = input(false);
}
