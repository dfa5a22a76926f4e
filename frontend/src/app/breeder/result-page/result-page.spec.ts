import { rememberMyResult } from '../my-results';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Title } from '@angular/platform-browser';
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

  it('reads the EMS code back part by part, with the general key, behind a disclosure', async () => {
    await open('p1', withPrediction(catPrediction()));
    const help = el.querySelector('[data-testid="code-help"]') as HTMLDetailsElement;
    expect(help.tagName).toBe('DETAILS');
    expect(help.querySelector('summary')?.textContent).toContain('What does the code mean?');
    const parts = Array.from(help.querySelectorAll('.code-parts > div')).map((d) => `${d.querySelector('dt')?.textContent?.trim()} = ${d.querySelector('dd')?.textContent?.trim()}`);
    expect(parts).toEqual(['BSH = British Shorthair', 'a = Blue', '03 = Bicolour']);
    expect(help.textContent).toContain('FIFe writes the breed as BRI');
  });

  it('marks unsure traits as "not sure" (in text, not only colour)', async () => {
    await open('p1', withPrediction(catPrediction()));
    const rows = Array.from(el.querySelectorAll('.traits > li'));
    const pattern = rows.find((r) => r.textContent?.includes('White pattern'))!;
    const colour = rows.find((r) => r.textContent?.includes('Colour'))!;
    expect(pattern.textContent).toContain('not sure');
    expect(pattern.textContent).toContain('“Bicolour” is the model’s best guess');
    expect(pattern.querySelector('[role=meter]')?.getAttribute('aria-valuetext')).toContain('not sure');
    expect(colour.textContent).not.toContain('not sure');
    expect(el.querySelector('.unsure-summary')).not.toBeNull();
  });

  it('says why each trait is not sure, and hides a percentage that would mislead', async () => {
    const p = catPrediction({ breederCode: 'BSH a', breederName: 'Blue' });
    p.traits.pattern = { value: null, confidence: 0, unsure: true, reason: 'untrained' };
    p.traits.is_tabby = { value: null, confidence: 0.99, unsure: true, reason: 'unfamiliar' };
    p.traits.is_pointed = { value: null, confidence: 0.55, unsure: true, reason: 'uncertain' };
    await open('p1', withPrediction(p));
    const rows = Array.from(el.querySelectorAll('.traits > li'));
    const row = (name: string) => rows.find((r) => r.querySelector('.trait-name')?.textContent?.trim() === name)!;
    expect(row('White pattern').textContent).toContain('has not learnt this trait yet');
    expect(row('White pattern').querySelector('[role=meter]')).toBeNull();
    expect(row('Tabby').textContent).toContain('this cat looks unlike the cats the model learnt tabby from, so it would rather not guess');
    expect(row('Tabby').querySelector('[role=meter]')).toBeNull(); // "99% · not sure" would contradict itself
    expect(row('Colourpoint').textContent).toContain('below the confidence it needs');
    expect(row('Colourpoint').querySelector('[role=meter]')).toBeNull(); // 55 % of no answer: not shown
    expect(row('Colour').querySelector('[role=meter]')?.getAttribute('aria-valuenow')).toBe('91');
    expect(el.querySelector('.unsure-summary')?.textContent).toContain('For the tabby and colourpoint, a clearer photo');
  });

  it('does not ask for a better photo when the only gaps are traits the model has not learnt', async () => {
    const p = catPrediction({ breederCode: 'BSH a', breederName: 'Blue' });
    p.traits.pattern = { value: null, confidence: 0, unsure: true, reason: 'untrained' };
    await open('p1', withPrediction(p));
    const summary = el.querySelector('.unsure-summary')?.textContent ?? '';
    expect(summary).toContain('white, which this model has not learnt yet. It needs more labelled photos to learn them.');
    expect(summary).not.toContain('clearer photo');
  });

  it('says the EMS code is partial when it leaves out traits the model is not sure of (EMS lists only what is there)', async () => {
    const p = catPrediction({ breederCode: 'BSH a', breederName: 'Blue' });
    p.traits.pattern = { value: null, confidence: 0, unsure: true, reason: 'untrained' };
    p.traits.is_tabby = { value: null, confidence: 0.6, unsure: true, reason: 'uncertain' };
    await open('p1', withPrediction(p));
    // what no photo can fix is kept apart from what the model is not sure of, and only the latter gets photo advice
    expect(el.querySelector('[data-testid=code-note]')?.textContent?.trim()).toBe(
      'Partial code: it does not say yet whether the cat has white, which this model has not learnt yet, or tabby markings, ' +
        'which it is not sure of (marked “not sure” below). For the tabby, a clearer photo of the whole cat, in daylight, can help.',
    );
  });

  /** A cat whose colour the model is not sure of: no breeder name and no EMS code. */
  function colourNotSure(reason: 'uncertain' | 'unfamiliar', over: Partial<Prediction> = {}): Prediction {
    const p = catPrediction({ breederCode: null, breederName: null, ...over });
    p.traits.colour = { value: null, confidence: reason === 'uncertain' ? 0.5 : 0.9, unsure: true, reason };
    return p;
  }

  it('explains a missing EMS code when the colour is not sure', async () => {
    const p = colourNotSure('uncertain');
    p.traits.pattern = { value: 'self', confidence: 0.9, unsure: false };
    await open('p1', withPrediction(p));
    expect(el.querySelector('[data-testid=code-note]')?.textContent).toContain('No EMS code yet: the code starts with the colour');
    // the headline says what was found instead of a bare "Coat result" (the fixture's cat is not tabby or pointed)
    expect(el.querySelector('h1')?.textContent?.trim()).toBe('Colour not sure');
    expect(el.querySelector('[data-testid=code-help]')).toBeNull();
  });

  it('says an unfamiliar colour may be one the model has not learnt, rather than only asking for a clearer photo', async () => {
    const p = colourNotSure('unfamiliar', { unlearnt: { colour: ['chocolate', 'lilac', 'cinnamon', 'fawn', 'red', 'cream', 'white', 'other'], pattern: [] } });
    await open('p1', withPrediction(p));
    expect(el.querySelector('[data-testid=code-note]')?.textContent).toContain(
      'It may be a colour this model has not learnt yet (see below); if not, a clearer photo',
    );
  });

  it('heads a result without a colour with what the model did find', async () => {
    const p = colourNotSure('uncertain');
    p.traits.pattern = { value: 'bicolour', confidence: 0.9, unsure: false };
    p.traits.is_tabby = { value: true, confidence: 0.9, unsure: false };
    await open('p1', withPrediction(p));
    expect(el.querySelector('h1')?.textContent?.trim()).toBe('Bicolour tabby — colour not sure');
  });

  it('shows no note under a complete code', async () => {
    const p = catPrediction({ breederCode: 'BSH a', breederName: 'Blue' });
    p.traits.pattern = { value: 'self', confidence: 0.9, unsure: false };
    await open('p1', withPrediction(p));
    expect(el.querySelector('.unsure-summary')).toBeNull();
  });

  it('names the colours and patterns the model has not learnt, the shorter way round', async () => {
    const p = catPrediction();
    p.unlearnt = { colour: ['lilac', 'cinnamon', 'fawn'], pattern: ['van'] };
    await open('p1', withPrediction(p));
    const rows = Array.from(el.querySelectorAll('.traits > li'));
    const row = (name: string) => rows.find((r) => r.querySelector('.trait-name')?.textContent?.trim() === name)!;
    expect(row('Colour').querySelector('.unlearnt-note')?.textContent).toContain(
      'This model has not learnt lilac, cinnamon or fawn yet: a cat of those colours may be shown as a colour it knows by mistake',
    );
    expect(row('White pattern').querySelector('.unlearnt-note')?.textContent).toContain('has not learnt van yet: a cat of that pattern');
    expect(row('Tabby').querySelector('.unlearnt-note')).toBeNull();
  });

  it('says which few colours a starter-like model knows; no note for a trait it has not learnt at all, or on older results', async () => {
    const p = catPrediction({ breederCode: 'BSH a', breederName: 'Blue' });
    p.unlearnt = { colour: ['chocolate', 'lilac', 'cinnamon', 'fawn', 'red', 'cream', 'white', 'other'], pattern: ['self', 'bicolour', 'van'] };
    p.traits.pattern = { value: null, confidence: 0, unsure: true, reason: 'untrained' };
    await open('p1', withPrediction(p));
    const notes = Array.from(el.querySelectorAll('.unlearnt-note')).map((n) => n.textContent?.trim());
    expect(notes).toEqual([expect.stringContaining('This model has learnt only black and blue so far: a cat of another colour may be shown as one of these by mistake')]);
  });

  it('says so when the model is not sure there is a cat at all', async () => {
    const p = catPrediction();
    p.traits.is_cat = { value: null, confidence: 0.67, unsure: true, reason: 'uncertain' };
    await open('p1', withPrediction(p));
    expect(el.querySelector('[data-testid=cat-unsure]')?.textContent).toContain('not sure there is a cat in this photo');
    expect(el.querySelectorAll('.unsure-summary').length).toBe(1);
  });

  it('shows no unlearnt note on a result stored before models recorded it', async () => {
    await open('p1', withPrediction(catPrediction()));
    expect(el.querySelector('.unlearnt-note')).toBeNull();
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

  it('under the headline, says when the owner answered that the result is wrong, and what they told us', async () => {
    await open('p1', withPrediction(catPrediction({ feedback: { accepted: false, correction: { colour: 'black', is_pointed: false }, createdAt: 'now' } })));
    expect(el.querySelector('[data-testid=owner-correction]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'rate_reviewThe owner says this result is not right. They told us: Colour: Black, Colourpoint: No.',
    );
  });

  it('says "you told us" to the browser that answered', async () => {
    rememberMyResult('p1', 'token');
    await open('p1', withPrediction(catPrediction({ feedback: { accepted: false, correction: { colour: 'black' }, createdAt: 'now' } })));
    expect(el.querySelector('[data-testid=owner-correction]')?.textContent).toContain('You told us this result is not right. You said: Colour: Black.');
    localStorage.removeItem('cat-identifier.my-results');
  });

  it('titles an unknown result as not found', async () => {
    await open('nope', (req) => req.flush({ message: 'Not found' }, { status: 404, statusText: 'Not Found' }));
    expect(TestBed.inject(Title).getTitle()).toBe('Result not found — Cat Identifier');
  });

  it('says nothing of the kind for a confirmed result', async () => {
    await open('p1', withPrediction(catPrediction({ feedback: { accepted: true, correction: null, createdAt: 'now' } })));
    expect(el.querySelector('[data-testid=owner-correction]')).toBeNull();
  });

  it('names the page after the result, and offers the next steps after the answer (in reading and tab order)', async () => {
    await open('p1', withPrediction(catPrediction()));
    expect(TestBed.inject(Title).getTitle()).toBe('Blue bicolour — Cat Identifier');
    const form = el.querySelector('app-feedback-form')!;
    const another = Array.from(el.querySelectorAll('a')).find((a) => a.textContent?.includes('Analyse another'))!;
    expect(form.compareDocumentPosition(another) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('titles a photo without a cat as such', async () => {
    await open('p2', withPrediction(notCatPrediction()));
    expect(TestBed.inject(Title).getTitle()).toBe('No cat found — Cat Identifier');
  });

  it('says the result was not found for an unknown id', async () => {
    await open('nope', (req) => req.flush({ message: 'Not found' }, { status: 404, statusText: 'Not Found' }));
    expect(el.querySelector('[role=alert]')?.textContent).toContain('could not find this result');
  });
});
