import { ChangeDetectionStrategy, Component, input, linkedSignal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** A photo in a framed tile: never stretched (contain by default), a shimmer while loading, a message on failure. */
@Component({
  selector: 'app-image-tile',
  imports: [MatIconModule],
  template: `
    <div class="frame" [class.loaded]="loaded()">
      @if (failed()) {
        <div class="failed" role="img" [attr.aria-label]="alt() + ' (could not be loaded)'">
          <mat-icon>broken_image</mat-icon>
          <span>The photo could not be loaded.</span>
        </div>
      } @else {
        <img [src]="src()" [alt]="alt()" [style.object-fit]="fit()" (load)="loaded.set(true)" (error)="failed.set(true)"
             decoding="async">
      }
    </div>
    @if (caption()) {
      <p class="caption">{{ caption() }}</p>
    }
  `,
  styles: `
    :host { display: block; }
    .frame {
      position: relative;
      aspect-ratio: var(--tile-aspect, 4 / 3);
      max-height: var(--tile-max-height, none);
      width: 100%;
      border-radius: var(--app-radius, 16px);
      overflow: hidden;
      background: var(--mat-sys-surface-container-high);
    }
    .frame:not(.loaded)::after {
      content: '';
      position: absolute;
      inset: 0;
      background: linear-gradient(100deg, transparent 30%, color-mix(in srgb, var(--mat-sys-on-surface) 6%, transparent) 50%, transparent 70%);
      background-size: 200% 100%;
      animation: shimmer 1.4s linear infinite;
    }
    img { display: block; width: 100%; height: 100%; }
    .failed {
      display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 8px;
      height: 100%; color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-medium);
    }
    .caption { margin-top: 8px; font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    @keyframes shimmer { from { background-position: 100% 0; } to { background-position: -100% 0; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImageTile {
  readonly src = input.required<string>();
  readonly alt = input.required<string>();
  readonly caption = input<string | null>(null);
  readonly fit = input<'contain' | 'cover'>('contain');

  // Reset whenever the source changes.
  protected readonly loaded = linkedSignal({ source: this.src, computation: () => false });
  protected readonly failed = linkedSignal({ source: this.src, computation: () => false });
}
