import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { catPrediction, notCatPrediction, serverVocabulary } from '../../../testing/fixtures';
import { Prediction } from '../../shared/models/prediction';
import { ResultPage } from './result-page';

describe('ResultPage', () => {
  let fixture: ComponentFixture<ResultPage>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  async function open(id: string, respond: (req: TestRequest) => void) {
    TestBed.configureTestingModule({
      imports: [ResultPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ResultPage);
    fixture.componentRef.setInput('id', id);
    el = fixture.nativeElement;
    fixture.detectChanges();
    await fixture.whenStable();
    backend.expectOne('/api/vocabulary').flush(serverVocabulary());
    respond(backend.expectOne(`/api/predictions/${id}`));
    fixture.detectChanges();
    await fixture.whenStable();
  }

  const withPrediction = (p: Prediction) => (req: TestRequest) => req.flush(p);

  afterEach(() => backend.verify());

  it('shows the breeder name, EMS code and every coat trait with its confidence', async () => {
    await open('p1', withPrediction(catPrediction()));
    expect(el.querySelector('h1')?.textContent).toContain('Blue bicolour');
    expect(el.querySelector('.ems')?.textContent).toContain('BSH a 03');
    const rows = el.querySelectorAll('.traits > li');
    expect(rows.length).toBe(4);
    expect(rows[0].textContent).toContain('Colour');
    expect(rows[0].textContent).toContain('Blue');
    const meter = rows[0].querySelector('[role=meter]')!;
    expect(meter.getAttribute('aria-valuenow')).toBe('91');
    expect(meter.textContent).toContain('91%');
    // explanation comes from the server vocabulary, with a swatch
    expect(rows[0].textContent).toContain('Server says: a soft grey-blue coat.');
    expect(rows[0].querySelector('.explanation app-colour-swatch')).not.toBeNull();
  });

  it('marks unsure traits as "not sure" (in text, not only colour)', async () => {
    await open('p1', withPrediction(catPrediction()));
    const rows = Array.from(el.querySelectorAll('.traits > li'));
    const pattern = rows.find((r) => r.textContent?.includes('Pattern'))!;
    const colour = rows.find((r) => r.textContent?.includes('Colour'))!;
    expect(pattern.textContent).toContain('not sure');
    expect(pattern.textContent).toContain('“Bicolour” is the model’s best guess');
    expect(pattern.querySelector('[role=meter]')?.getAttribute('aria-valuetext')).toContain('not sure');
    expect(colour.textContent).not.toContain('not sure');
    expect(el.querySelector('.unsure-summary')).not.toBeNull();
  });

  it('shows a clear not-a-cat state and hides the coat traits', async () => {
    await open('p2', withPrediction(notCatPrediction()));
    expect(el.querySelector('h1')?.textContent).toContain('doesn’t look like a cat');
    expect(el.querySelector('.traits')).toBeNull();
    expect(el.querySelector('.ems')).toBeNull();
    expect(el.textContent).not.toContain('Colourpoint');
    expect(el.querySelector('a[href="/"]')?.textContent).toBeTruthy();
    expect(el.querySelector('app-feedback-form')).not.toBeNull();
  });

  it('says the result was not found for an unknown id', async () => {
    await open('nope', (req) => req.flush({ message: 'Not found' }, { status: 404, statusText: 'Not Found' }));
    expect(el.querySelector('[role=alert]')?.textContent).toContain('could not find this result');
  });
});
