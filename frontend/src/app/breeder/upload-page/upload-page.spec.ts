import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { catPrediction, jpegFile } from '../../../testing/fixtures';
import { BUSY_MESSAGE } from '../../core/http/http-error';
import { UploadPage } from './upload-page';

describe('UploadPage', () => {
  let fixture: ComponentFixture<UploadPage>;
  let page: UploadPage;
  let backend: HttpTestingController;
  let router: Router;
  let el: HTMLElement;

  beforeEach(async () => {
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    URL.revokeObjectURL = vi.fn();
    TestBed.configureTestingModule({
      imports: [UploadPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    vi.spyOn(router, 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(UploadPage);
    page = fixture.componentInstance;
    el = fixture.nativeElement;
    await fixture.whenStable();
    backend.expectOne('/api/model').flush({
      available: true,
      answers: ['is_cat', 'colour', 'is_tabby', 'is_pointed'],
      unlearnt: { colour: ['chocolate', 'lilac', 'cinnamon', 'fawn', 'red', 'cream', 'white', 'other'], pattern: ['self', 'bicolour', 'van'] },
    });
  });

  afterEach(() => backend.verify());

  const render = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };

  it('says up front what the answering model cannot tell yet', async () => {
    await render();
    expect(el.querySelector('[data-testid=model-coverage]')?.textContent).toContain(
      'The current model is still learning: it knows only black and blue so far and it cannot tell the white pattern yet.',
    );
  });
  const button = (text: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes(text)) as HTMLButtonElement;

  it('starts idle with the drop zone, the one-line pitch and photo tips', () => {
    expect(page.state().status).toBe('idle');
    expect(el.querySelector('app-upload-drop-zone')).not.toBeNull();
    expect(el.querySelector('input[type=file][accept="image/*"]')).not.toBeNull();
    expect(el.textContent).toContain('Over 8 weeks old');
  });

  it('goes idle → preview → uploading (with progress) → analysing → result page', async () => {
    await page.onFileSelected(jpegFile());
    await render();
    expect(page.state().status).toBe('preview');
    expect(el.querySelector<HTMLImageElement>('.preview-frame img')?.src).toBe('blob:preview');

    button('Analyse photo').click();
    await render();
    // the pressed button is gone (Cancel took its place): the focus is on the heading that says what happens
    expect(document.activeElement?.textContent?.trim()).toBe('Sending your photo');
    const req = backend.expectOne('/api/predictions');
    expect(req.request.method).toBe('POST');
    expect((req.request.body as FormData).get('image')).toBeInstanceOf(File);
    expect(page.state().status).toBe('uploading');

    req.event({ type: HttpEventType.UploadProgress, loaded: 400, total: 1000 });
    await render();
    expect(page.state()).toMatchObject({ status: 'uploading', loaded: 400, total: 1000 });
    expect(el.querySelector('mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('40');
    expect(el.textContent).toContain('Uploading… 40%');
    expect(button('Cancel')).toBeTruthy();

    req.event({ type: HttpEventType.UploadProgress, loaded: 1000, total: 1000 });
    await render();
    expect(page.state().status).toBe('analysing');
    expect(el.textContent).toContain('Analysing the coat…');
    expect(el.querySelector('.preview-title')?.textContent?.trim()).toBe('Analysing your photo');
    // the live region hears the phase, not the ticking seconds
    page['analysingSeconds'].set(7);
    await render();
    const live = el.querySelector('[aria-live=polite]')!;
    expect(live.querySelector('.status-text > span[aria-hidden=true]')?.textContent).toContain('Still analysing (7 s)');
    expect(live.querySelector('.visually-hidden')?.textContent).toBe('Still analysing. Busy moments can take a little longer…');

    const prediction = catPrediction();
    req.flush(prediction, { status: 201, statusText: 'Created' });
    expect(router.navigate).toHaveBeenCalledWith(['/result', 'p1'], { state: { prediction } });
  });

  it('asks before the tab is reloaded or closed while a photo is on its way, and not otherwise', async () => {
    const leave = () => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(leave()).toBe(false);
    await page.onFileSelected(jpegFile());
    await render();
    button('Analyse photo').click();
    await render();
    expect(leave()).toBe(true);
    backend.expectOne('/api/predictions').flush(catPrediction(), { status: 201, statusText: 'Created' });
  });

  it('rejects a file that is not an image before uploading, with a readable message', async () => {
    const pdf = new File([new TextEncoder().encode('%PDF-1.7 not a cat')], 'cat.jpg', { type: 'image/jpeg' });
    await page.onFileSelected(pdf);
    await render();
    expect(page.state().status).toBe('error');
    expect(el.querySelector('[role=alert]')?.textContent).toContain('does not look like a photo');
    expect(el.querySelector('app-upload-drop-zone')).not.toBeNull(); // can choose another straight away
    backend.expectNone('/api/predictions');
  });

  it('rejects a file over 15 MB without uploading it', async () => {
    const big = jpegFile('huge.jpg');
    Object.defineProperty(big, 'size', { value: 16 * 1024 * 1024 });
    await page.onFileSelected(big);
    await render();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('too large');
  });

  it('shows the busy message on 429 and can retry the same photo', async () => {
    await page.onFileSelected(jpegFile());
    page.send();
    backend.expectOne('/api/predictions').flush({ statusCode: 429, message: 'Too many requests' }, {
      status: 429,
      statusText: 'Too Many Requests',
    });
    await render();
    expect(page.state().status).toBe('error');
    expect(el.querySelector('[role=alert]')?.textContent).toContain(BUSY_MESSAGE);
    expect(el.querySelector('.preview-frame img')).not.toBeNull(); // the photo is kept

    button('Try again').click();
    await render();
    backend.expectOne('/api/predictions').flush(catPrediction(), { status: 201, statusText: 'Created' });
    expect(router.navigate).toHaveBeenCalled();
  });

  it('shows the server message for 415 and the model-unavailable message for 503', async () => {
    await page.onFileSelected(jpegFile());
    page.send();
    backend.expectOne('/api/predictions').flush(
      { statusCode: 415, message: 'Only JPEG, PNG and WebP photos are supported.', error: 'Unsupported Media Type' },
      { status: 415, statusText: 'Unsupported Media Type' },
    );
    await render();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Only JPEG, PNG and WebP photos are supported.');
    // the server refused the photo itself: no "Try again" that cannot succeed, a clear way on instead
    expect(el.querySelector('.preview-title')?.textContent).toContain('This photo can’t be analysed');
    expect(Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.includes('Try again'))).toBe(false);
    expect(Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.includes('Choose another photo'))).toBe(true);

    page.send();
    backend.expectOne('/api/predictions').flush(null, { status: 503, statusText: 'Service Unavailable' });
    await render();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('model is not available');
  });

  it('cancel stops the upload and returns to the preview', async () => {
    await page.onFileSelected(jpegFile());
    page.send();
    const req = backend.expectOne('/api/predictions');
    page.cancel();
    expect(req.cancelled).toBe(true);
    expect(page.state().status).toBe('preview');
  });
});
