import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** A model's confidence as a whole percent for people: 0–99, never 100 (no model answer is a guarantee). */
export function confidencePercent(value: number | null | undefined): number {
  return Math.min(99, Math.round(Math.min(1, Math.max(0, value || 0)) * 100));
}

/**
 * A labelled meter for a model's confidence: bar + percentage text (never colour only).
 * `unsure` switches to a striped amber look and the words "not sure".
 */
@Component({
  selector: 'app-confidence-bar',
  template: `
    <div class="meter" role="meter" aria-valuemin="0" aria-valuemax="100"
         [attr.aria-valuenow]="percent()" [attr.aria-valuetext]="valueText()" [attr.aria-label]="label()">
      <div class="track"><div class="fill" [style.width.%]="percent()"></div></div>
      <span class="text" aria-hidden="true">{{ percent() }}%@if (unsure()) {<span class="unsure"> · not sure</span>}</span>
    </div>
  `,
  styles: `
    :host { display: block; }
    .meter { display: flex; align-items: center; gap: 10px; }
    .track {
      flex: 1 1 auto;
      height: 8px;
      border-radius: 999px;
      background: var(--mat-sys-surface-container-highest);
      overflow: hidden;
    }
    .fill {
      height: 100%;
      border-radius: inherit;
      background: var(--mat-sys-primary);
      transition: width 400ms ease;
    }
    :host(.is-unsure) .fill {
      background: repeating-linear-gradient(135deg, var(--app-warning) 0 6px, color-mix(in srgb, var(--app-warning) 55%, transparent) 6px 12px);
    }
    .text {
      flex: none;
      min-width: 3.5em;
      text-align: right;
      font: var(--mat-sys-label-large);
      font-variant-numeric: tabular-nums;
      color: var(--mat-sys-on-surface-variant);
    }
    .unsure { color: var(--app-warning); font-weight: 600; }
  `,
  host: { '[class.is-unsure]': 'unsure()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfidenceBar {
  /** 0..1 */
  readonly value = input.required<number>();
  readonly label = input('Confidence');
  readonly unsure = input(false);

  /** Whole percent, at most 99: a model is never certain, and "100%" reads as a guarantee (confidencePercent). */
  protected readonly percent = computed(() => confidencePercent(this.value()));
  protected readonly valueText = computed(
    () => `${this.percent()}% confident${this.unsure() ? ', the model is not sure' : ''}`,
  );
}
