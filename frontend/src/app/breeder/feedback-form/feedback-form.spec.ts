import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { catPrediction } from '../../../testing/fixtures';
import { FALLBACK_VOCABULARY } from '../../shared/models/vocabulary-fallback';
import { FeedbackForm } from './feedback-form';

describe('FeedbackForm', () => {
  let fixture: ComponentFixture<FeedbackForm>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [FeedbackForm],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(FeedbackForm);
    fixture.componentRef.setInput('prediction', catPrediction());
    fixture.componentRef.setInput('vocabulary', FALLBACK_VOCABULARY);
    el = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const click = async (text: string) => {
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes(text))!.click();
    fixture.detectChanges();
    await fixture.whenStable();
  };

  it('"Yes" sends accepted:true and thanks the breeder', async () => {
    await click('Yes');
    const req = backend.expectOne('/api/predictions/p1/feedback');
    expect(req.request.body).toEqual({ accepted: true });
    req.flush(catPrediction({ feedback: { accepted: true, correction: null, createdAt: 'now' } }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(el.textContent).toContain('Thank you!');
  });

  type Ctl = { value: unknown; setValue(v: unknown): void; markAsDirty(): void };
  const formOf = () => (fixture.componentInstance as unknown as { form: { controls: Record<string, Ctl> } }).form;

  it('"No" shows the model\'s sure answers, "Don\'t know" where it was not sure, and sends only what the breeder set', async () => {
    await click('No');
    const form = formOf();
    // blue and "not tabby / not pointed" were sure; the pattern was a best guess ("bicolour", unsure): not pre-filled
    expect(Object.fromEntries(Object.entries(form.controls).map(([k, c]) => [k, c.value]))).toEqual({
      is_cat: true,
      colour: 'blue',
      pattern: null,
      is_tabby: false,
      is_pointed: false,
    });
    expect(el.querySelector('mat-select[formcontrolname=pattern]')?.textContent).toContain('Don’t know');
    // as a breeder would: a different colour, tabby yes, and the pattern's best guess confirmed
    form.controls['colour'].setValue('lilac');
    form.controls['is_tabby'].setValue(true);
    form.controls['pattern'].setValue('bicolour');
    await click('Send correction');
    const req = backend.expectOne('/api/predictions/p1/feedback');
    expect(req.request.body).toEqual({ accepted: false, correction: { colour: 'lilac', pattern: 'bicolour', is_tabby: true } });
    req.flush(catPrediction(), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(el.textContent).toContain('Your correction was received');
  });

  it('sends nothing for a trait left at, or set back to, "Don\'t know"', async () => {
    await click('No');
    const form = formOf();
    form.controls['colour'].setValue(null); // "the model's blue is wrong, but I don't know what it is"
    form.controls['is_pointed'].setValue(null);
    await click('Send correction');
    const req = backend.expectOne('/api/predictions/p1/feedback');
    expect(req.request.body).toEqual({ accepted: false });
    req.flush(catPrediction(), { status: 201, statusText: 'Created' });
  });

  it('treats 409 as "already received"', async () => {
    await click('Yes');
    backend.expectOne('/api/predictions/p1/feedback').flush({ message: 'Feedback already given' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.textContent).toContain('Feedback on this result has already been given');
  });

  it('keeps the answer and offers a retry when sending fails', async () => {
    await click('Yes');
    backend.expectOne('/api/predictions/p1/feedback').flush(null, { status: 0, statusText: 'Unknown Error' });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('offline');
    await click('Try again');
    backend.expectOne('/api/predictions/p1/feedback').flush(catPrediction());
  });
});
