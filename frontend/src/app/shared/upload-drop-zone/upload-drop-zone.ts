import { ChangeDetectionStrategy, Component, ElementRef, input, output, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { formatBytes } from '../files/image-file-check';

/**
 * Drag-and-drop area + file picker for one photo. Keyboard: the zone itself is a button (Enter/Space
 * opens the picker). On touch devices a "Take a photo" button opens the camera (`capture="environment"`).
 * The chosen file is announced to screen readers. Validation is the caller's job (see checkImageFile).
 */
@Component({
  selector: 'app-upload-drop-zone',
  imports: [MatButtonModule, MatIconModule],
  templateUrl: './upload-drop-zone.html',
  styleUrl: './upload-drop-zone.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class.dragging]': 'dragging()',
    '[class.disabled]': 'disabled()',
    '[class.compact]': 'compact()',
  },
})
export class UploadDropZone {
  readonly disabled = input(false);
  /** Smaller look once a photo is chosen. */
  readonly compact = input(false);
  readonly title = input('Drop a photo of your cat here');
  /** Title on touch screens / phones, where there is nothing to drag. */
  readonly touchTitle = input('Choose or take a photo of your cat');
  readonly accept = input('image/*');

  readonly fileSelected = output<File>();

  protected readonly dragging = signal(false);
  protected readonly announcement = signal('');

  private readonly picker = viewChild.required<ElementRef<HTMLInputElement>>('picker');
  private readonly camera = viewChild.required<ElementRef<HTMLInputElement>>('camera');
  private dragDepth = 0;

  openPicker(): void {
    if (!this.disabled()) this.picker().nativeElement.click();
  }

  protected openCamera(event: Event): void {
    event.stopPropagation();
    if (!this.disabled()) this.camera().nativeElement.click();
  }

  protected onInputChange(event: Event): void {
    const el = event.target as HTMLInputElement;
    const file = el.files?.[0];
    if (file) this.emit(file);
    el.value = ''; // choosing the same file again still fires change
  }

  protected onDragEnter(event: DragEvent): void {
    if (this.disabled() || !this.hasFiles(event)) return;
    event.preventDefault();
    this.dragDepth++;
    this.dragging.set(true);
  }

  protected onDragOver(event: DragEvent): void {
    if (this.disabled() || !this.hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  }

  protected onDragLeave(): void {
    this.dragDepth = Math.max(0, this.dragDepth - 1);
    if (this.dragDepth === 0) this.dragging.set(false);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragDepth = 0;
    this.dragging.set(false);
    if (this.disabled()) return;
    const files = event.dataTransfer?.files;
    if (!files?.length) return;
    if (files.length > 1) this.announcement.set(`${files.length} files dropped; using the first one.`);
    this.emit(files[0]);
  }

  private emit(file: File): void {
    this.announcement.set(`Selected ${file.name}, ${formatBytes(file.size)}.`);
    this.fileSelected.emit(file);
  }

  private hasFiles(event: DragEvent): boolean {
    return !!event.dataTransfer && Array.from(event.dataTransfer.types ?? []).includes('Files');
  }
}
