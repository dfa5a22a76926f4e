import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { Subscription } from 'rxjs';
import { ImagesApi } from './images-api';

/**
 * An <img> for admin-only image URLs: the bytes are fetched with the access token (HttpClient + interceptor)
 * and shown through an object URL, revoked when the source changes or the element goes away.
 */
@Component({
  selector: 'app-auth-img',
  template: `
    @if (url(); as u) {
      <img [src]="u" [alt]="alt()" decoding="async" />
    } @else if (failed()) {
      <span class="failed" role="img" [attr.aria-label]="alt() + ' (could not be loaded)'">!</span>
    } @else {
      <span class="loading" aria-hidden="true"></span>
    }
  `,
  styles: `
    :host { display: inline-flex; align-items: center; justify-content: center; overflow: hidden; background: var(--mat-sys-surface-container-high); border-radius: 8px; }
    img { width: 100%; height: 100%; object-fit: var(--auth-img-fit, cover); display: block; }
    .loading, .failed { width: 100%; height: 100%; display: grid; place-items: center; color: var(--mat-sys-error); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuthImg {
  private readonly api = inject(ImagesApi);
  readonly src = input.required<string>();
  readonly alt = input('');
  protected readonly url = signal<string | null>(null);
  protected readonly failed = signal(false);
  private sub: Subscription | null = null;

  constructor() {
    // Only `src` is tracked: reading `url` here (in release) would re-run the effect whenever the bytes
    // arrive, revoking the new object URL and fetching again for ever.
    effect(() => {
      const src = this.src();
      untracked(() => {
        this.release();
        this.failed.set(false);
        this.sub = this.api.blob(src).subscribe({
          next: (b) => this.url.set(URL.createObjectURL(b)),
          error: () => this.failed.set(true),
        });
      });
    });
    inject(DestroyRef).onDestroy(() => this.release());
  }

  private release(): void {
    this.sub?.unsubscribe();
    const u = this.url();
    if (u) URL.revokeObjectURL(u);
    this.url.set(null);
  }
}
