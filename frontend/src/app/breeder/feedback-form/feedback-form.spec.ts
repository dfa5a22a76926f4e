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

  it('"No" sends only the corrected traits', async () => {
    await click('No');
    type Ctl = { setValue(v: unknown): void; markAsDirty(): void };
    const form = (fixture.componentInstance as unknown as { form: { controls: Record<string, Ctl> } }).form;
    // as a breeder would: change two fields (an untouched field is never sent)
    for (const [name, value] of [['colour', 'lilac'], ['is_tabby', true]] as const) {
      form.controls[name].setValue(value);
      form.controls[name].markAsDirty();
    }
    await click('Send correction');
    const req = backend.expectOne('/api/predictions/p1/feedback');
    expect(req.request.body).toEqual({ accepted: false, correction: { colour: 'lilac', is_tabby: true } });
    req.flush(catPrediction(), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(el.textContent).toContain('Your correction was received');
  });

  it('treats 409 as "already received"', async () => {
    await click('Yes');
    backend.expectOne('/api/predictions/p1/feedback').flush({ message: 'Feedback already given' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.textContent).toContain('already received feedback');
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
