import { rememberMyResult } from '../my-results';
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

  afterEach(() => localStorage.removeItem('cat-identifier.my-results'));

  beforeEach(async () => {
    rememberMyResult('p1', 'token-p1'); // this browser uploaded p1 and p2: it may answer them
    rememberMyResult('p2', 'token-p2');
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

  const sure = () => {
    const p = catPrediction();
    p.traits.pattern = { value: 'bicolour', confidence: 0.9, unsure: false };
    return p;
  };

  it('"Yes" on a result without "not sure" sends accepted:true at once and thanks the breeder', async () => {
    fixture.componentRef.setInput('prediction', sure());
    fixture.detectChanges();
    expect(el.querySelector('[data-testid=unsure-hint]')).toBeNull();
    await click('Yes');
    const req = backend.expectOne('/api/predictions/p1/feedback');
    expect(req.request.body).toEqual({ answerToken: 'token-p1', accepted: true });
    req.flush(catPrediction({ feedback: { accepted: true, correction: null, createdAt: 'now' } }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(el.textContent).toContain('Thank you!');
  });

  it('someone else\'s result (opened from a shared link) cannot be answered: it says only the uploader can', async () => {
    localStorage.removeItem('cat-identifier.my-results');
    fixture.componentRef.setInput('prediction', catPrediction({ id: 'p9' }));
    fixture.detectChanges();
    expect(el.querySelector('[data-testid=not-yours]')?.textContent).toContain('Only the person who uploaded this photo can answer');
    expect(Array.from(el.querySelectorAll('button')).map((b) => b.textContent)).toEqual([]);
  });

  it('a "no" that changes nothing is not sent: it says what to do instead', async () => {
    fixture.detectChanges();
    await click('No');
    await click('Send correction');
    backend.expectNone('/api/predictions/p1/feedback');
    expect(el.querySelector('[data-testid=unchanged]')?.textContent).toContain('Nothing is changed yet');
  });

  it('says what the model has not learnt apart from what it was not sure of', async () => {
    const p = catPrediction();
    p.traits.pattern = { value: null, confidence: 0, unsure: true, reason: 'untrained' };
    p.traits.is_pointed = { value: null, confidence: 0, unsure: true, reason: 'untrained' };
    p.traits.is_tabby = { value: null, confidence: 0.55, unsure: true, reason: 'uncertain' };
    fixture.componentRef.setInput('prediction', p);
    fixture.detectChanges();
    expect(el.querySelector('[data-testid=unsure-hint]')?.textContent).toContain(
      'What the model could not tell: it has not learnt the white pattern or colourpoint yet; it was not sure of the tabby.',
    );
  });

  it('"Yes" with traits "not sure" asks to fill them in; what is set goes with accepted:true', async () => {
    fixture.detectChanges();
    expect(el.querySelector('[data-testid=unsure-hint]')?.textContent).toContain('What the model could not tell: it was not sure of the white pattern.');
    await click('Yes');
    expect(el.querySelector('h2')?.textContent).toContain('Can you fill in what it couldn’t tell?');
    formOf().controls['pattern'].setValue('self');
    await click('Send');
    const req = backend.expectOne('/api/predictions/p1/feedback');
    expect(req.request.body).toEqual({ answerToken: 'token-p1', accepted: true, correction: { pattern: 'self' } });
    req.flush(catPrediction({ feedback: { accepted: true, correction: { pattern: 'self' }, createdAt: 'now' } }), { status: 201, statusText: 'Created' });
    fixture.componentRef.setInput('prediction', catPrediction({ feedback: { accepted: true, correction: { pattern: 'self' }, createdAt: 'now' } }));
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.textContent).toContain('Glad we got it right');
    expect(el.querySelector('[data-testid=told-us]')?.textContent).toContain('You told us: White pattern: No white');
  });

  it('"Yes", then "Skip" sends accepted:true alone; changing a sure answer there makes it a "no"', async () => {
    await click('Yes');
    await click('Skip');
    backend.expectOne('/api/predictions/p1/feedback').flush(catPrediction(), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(el.textContent).toContain('Thank you!');

    fixture.componentRef.setInput('prediction', catPrediction({ id: 'p2' }));
    fixture.detectChanges();
    await click('Yes');
    formOf().controls['colour'].setValue('lilac'); // the model's sure "blue" was wrong after all
    fixture.detectChanges();
    // said before sending: this is now a correction, and "Skip — it's right" is gone
    expect(el.querySelector('[data-testid=changes-sure]')?.textContent).toContain('will be sent as a correction');
    expect(Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.includes('Skip'))).toBe(false);
    await click('Send correction');
    expect(backend.expectOne('/api/predictions/p2/feedback').request.body).toEqual({ answerToken: 'token-p2', accepted: false, correction: { colour: 'lilac' } });
  });

  it('"Back" returns the keyboard focus to "Yes, that\'s right"', async () => {
    await click('Yes');
    await click('Back');
    await fixture.whenStable();
    expect(document.activeElement?.textContent).toContain('Yes, that’s right');
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
    expect(req.request.body).toEqual({ answerToken: 'token-p1', accepted: false, correction: { colour: 'lilac', pattern: 'bicolour', is_tabby: true } });
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
    expect(req.request.body).toEqual({ answerToken: 'token-p1', accepted: false });
    req.flush(catPrediction(), { status: 201, statusText: 'Created' });
  });

  it('a visitor opening an answered result reads the owner\'s answer, the owner reads their own', async () => {
    localStorage.removeItem('cat-identifier.my-results');
    const answered = catPrediction({ feedback: { accepted: true, correction: { pattern: 'self' }, createdAt: 'now' } });
    fixture.componentRef.setInput('prediction', answered);
    fixture.detectChanges();
    expect(el.querySelector('h2')?.textContent).toBe('Its owner has answered');
    expect(el.textContent).toContain('They said the result is right.');
    expect(el.querySelector('[data-testid=told-us]')?.textContent).toBe('They told us: White pattern: No white');
    rememberMyResult(answered.id, 'token');
    fixture.componentRef.setInput('prediction', { ...answered });
    fixture.detectChanges();
    expect(el.querySelector('h2')?.textContent).toBe('Thank you!');
    expect(el.querySelector('[data-testid=told-us]')?.textContent).toBe('You told us: White pattern: No white');
    // a "no" is said under the result's headline already: the card does not repeat it
    fixture.componentRef.setInput('prediction', catPrediction({ feedback: { accepted: false, correction: { colour: 'black' }, createdAt: 'now' } }));
    fixture.detectChanges();
    expect(el.querySelector('[data-testid=told-us]')).toBeNull();
    localStorage.removeItem('cat-identifier.my-results');
  });

  it('treats 409 as "already received"', async () => {
    fixture.componentRef.setInput('prediction', sure());
    fixture.detectChanges();
    await click('Yes');
    backend.expectOne('/api/predictions/p1/feedback').flush({ message: 'Feedback already given' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.textContent).toContain('This result already had an answer (each result counts once), so this one was not added.');
  });

  it('keeps the answer and offers a retry when sending fails', async () => {
    fixture.componentRef.setInput('prediction', sure());
    fixture.detectChanges();
    await click('Yes');
    backend.expectOne('/api/predictions/p1/feedback').flush(null, { status: 0, statusText: 'Unknown Error' });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('offline');
    await click('Try again');
    backend.expectOne('/api/predictions/p1/feedback').flush(catPrediction());
  });
});
