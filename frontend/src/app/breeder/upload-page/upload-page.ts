import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { Subscription, interval } from 'rxjs';
import { HttpErrorResponse } from '@angular/common/http';
import { describeHttpError } from '../../core/http/http-error';
import { checkImageFile, formatBytes } from '../../shared/files/image-file-check';
import { TraitChip } from '../../shared/trait-chip/trait-chip';
import { UploadDropZone } from '../../shared/upload-drop-zone/upload-drop-zone';
import { FALLBACK_VOCABULARY } from '../../shared/models/vocabulary-fallback';
import { PredictionsApi } from '../predictions-api';
import { CoverageNote, coverageNote } from './model-coverage';

/** What the page is doing. `file`/`previewUrl` are kept so a failed upload can be retried. */
export type UploadState =
  | { status: 'idle' }
  | { status: 'checking'; file: File }
  | { status: 'preview'; file: File; previewUrl: string }
  | { status: 'uploading'; file: File; previewUrl: string; loaded: number; total: number | null }
  | { status: 'analysing'; file: File; previewUrl: string }
  | { status: 'error'; message: string; file?: File; previewUrl?: string; retryable?: boolean };

/**
 * Whether sending the same photo again can succeed: yes after a network failure, a busy server (429) or a server
 * fault (5xx); no when the server refused the photo itself (400, 413, 415, 422: too big, not an image…).
 */
export function canRetry(err: unknown): boolean {
  if (!(err instanceof HttpErrorResponse)) return true;
  return err.status === 0 || err.status === 408 || err.status === 429 || err.status >= 500;
}

/** Landing page: choose/drop a photo → preview → upload with progress → analysing → /result/:id. */
@Component({
  selector: 'app-upload-page',
  imports: [UploadDropZone, TraitChip, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './upload-page.html',
  styleUrl: './upload-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(window:beforeunload)': 'warnBeforeLeaving($event)' },
})
export class UploadPage {
  private readonly api = inject(PredictionsApi);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);

  readonly state = signal<UploadState>({ status: 'idle' });
  /** What the answering model cannot tell yet, said before the breeder uploads (null: it can tell everything, or unknown). */
  readonly coverage = signal<CoverageNote | null>(null);
  /** Seconds spent in the "analysing" state, so a slow server never looks frozen. */
  readonly analysingSeconds = signal(0);
  /** the server refused this photo itself: sending it again cannot help, choosing another can */
  protected readonly refused = computed(() => {
    const s = this.state();
    return s.status === 'error' && s.retryable === false;
  });

  protected readonly previewHeading = viewChild<ElementRef<HTMLElement>>('previewHeading');
  protected readonly errorBox = viewChild<ElementRef<HTMLElement>>('errorBox');

  private upload: Subscription | null = null;
  private ticker: Subscription | null = null;
  private objectUrl: string | null = null;

  protected readonly file = computed(() => {
    const s = this.state();
    return 'file' in s ? (s.file ?? null) : null;
  });
  protected readonly previewUrl = computed(() => {
    const s = this.state();
    return 'previewUrl' in s ? (s.previewUrl ?? null) : null;
  });
  protected readonly busy = computed(() => ['checking', 'uploading', 'analysing'].includes(this.state().status));
  /** 0..100, or null while the total size is unknown. */
  protected readonly percent = computed(() => {
    const s = this.state();
    if (s.status !== 'uploading' || !s.total) return null;
    return Math.min(100, Math.round((s.loaded / s.total) * 100));
  });
  protected readonly progressText = computed(() => {
    const s = this.state();
    if (s.status !== 'uploading') return '';
    const total = s.total ?? s.file.size;
    return `Uploading… ${this.percent() ?? 0}% (${formatBytes(s.loaded)} of ${formatBytes(total)})`;
  });
  protected readonly analysingText = computed(() => {
    const t = this.analysingSeconds();
    if (t < 6) return ANALYSING_PHASES[0];
    if (t < 20) return `Still analysing (${t} s). Busy moments can take a little longer…`;
    return `Still working (${t} s). The server is busy; you can keep waiting or try again later.`;
  });
  /** The same message without the ticking seconds, for the live region: it changes twice, not every second. */
  protected readonly analysingPhase = computed(() => {
    const t = this.analysingSeconds();
    return ANALYSING_PHASES[t < 6 ? 0 : t < 20 ? 1 : 2];
  });
  protected readonly formatBytes = formatBytes;

  constructor() {
    // Not critical: if this fails, the page works as before and each result still says what the model has not learnt.
    const coverage = this.api.currentModel().subscribe({ next: (view) => this.coverage.set(coverageNote(view, FALLBACK_VOCABULARY)), error: () => undefined });
    inject(DestroyRef).onDestroy(() => {
      coverage.unsubscribe();
      this.upload?.unsubscribe();
      this.ticker?.unsubscribe();
      this.revokePreview();
    });
  }

  /** A file came from the drop zone: check it locally, then show a preview. */
  async onFileSelected(file: File): Promise<void> {
    if (this.busy() && this.state().status !== 'checking') return;
    this.state.set({ status: 'checking', file });
    const problem = await checkImageFile(file);
    if (this.state().status !== 'checking' || this.file() !== file) return; // superseded
    if (problem) {
      this.revokePreview();
      this.setError(problem);
      return;
    }
    this.revokePreview();
    this.objectUrl = URL.createObjectURL(file);
    this.state.set({ status: 'preview', file, previewUrl: this.objectUrl });
    this.focusAfterRender(() => this.previewHeading()?.nativeElement);
  }

  /** Reloading or closing the tab while a photo is sent or analysed would lose it: the browser asks first. */
  protected warnBeforeLeaving(event: BeforeUnloadEvent): void {
    if (this.state().status !== 'uploading' && this.state().status !== 'analysing') return;
    event.preventDefault();
    event.returnValue = ''; // older browsers need it set to show their "Leave site?" question
  }

  /** Sends the previewed photo. */
  send(): void {
    const s = this.state();
    const file = this.file();
    const previewUrl = this.previewUrl();
    if (!file || !previewUrl || (s.status !== 'preview' && s.status !== 'error')) return;
    this.state.set({ status: 'uploading', file, previewUrl, loaded: 0, total: file.size });
    // the pressed button is replaced by Cancel: keep the focus in the page, on the heading that says what happens
    this.focusAfterRender(() => this.previewHeading()?.nativeElement);
    this.upload = this.api.upload(file).subscribe({
      next: (event) => {
        if (event.kind === 'progress') {
          this.state.set({ status: 'uploading', file, previewUrl, loaded: event.loaded, total: event.total ?? file.size });
        } else if (event.kind === 'analysing') {
          if (this.state().status !== 'analysing') this.startAnalysing(file, previewUrl);
        } else {
          this.stopTicker();
          void this.router.navigate(['/result', event.prediction.id], { state: { prediction: event.prediction } });
        }
      },
      error: (err: unknown) => {
        this.stopTicker();
        this.setError(describeHttpError(err), file, previewUrl, canRetry(err));
      },
    });
  }

  /** Stops an upload in progress and goes back to the preview. */
  cancel(): void {
    this.upload?.unsubscribe();
    this.upload = null;
    this.stopTicker();
    const file = this.file();
    const previewUrl = this.previewUrl();
    this.state.set(file && previewUrl ? { status: 'preview', file, previewUrl } : { status: 'idle' });
    this.focusAfterRender(() => this.previewHeading()?.nativeElement);
  }

  /** Forget the chosen photo and start over. */
  reset(): void {
    this.upload?.unsubscribe();
    this.stopTicker();
    this.revokePreview();
    this.state.set({ status: 'idle' });
  }

  private startAnalysing(file: File, previewUrl: string): void {
    this.state.set({ status: 'analysing', file, previewUrl });
    this.analysingSeconds.set(0);
    this.stopTicker();
    this.ticker = interval(1000).subscribe(() => this.analysingSeconds.update((t) => t + 1));
  }

  private stopTicker(): void {
    this.ticker?.unsubscribe();
    this.ticker = null;
  }

  private setError(message: string, file?: File, previewUrl?: string, retryable = true): void {
    this.state.set({ status: 'error', message, file, previewUrl, retryable });
    this.focusAfterRender(() => this.errorBox()?.nativeElement);
  }

  private focusAfterRender(target: () => HTMLElement | undefined): void {
    afterNextRender(() => target()?.focus(), { injector: this.injector });
  }

  private revokePreview(): void {
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = null;
  }
}

const ANALYSING_PHASES = [
  'Analysing the coat…',
  'Still analysing. Busy moments can take a little longer…',
  'Still working. The server is busy; you can keep waiting or try again later.',
] as const;
