import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { TrainingPage } from './training-page';

const BASE = '/api/admin/training-runs';

describe('TrainingPage start form', () => {
  let fixture: ComponentFixture<TrainingPage>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [TrainingPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TrainingPage);
    el = fixture.nativeElement;
    backend.expectOne((r) => r.url === BASE && r.method === 'GET').flush({ items: [], total: 0 });
    await render();
  });

  afterEach(() => backend.verify());

  async function render() {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  function input(name: string): HTMLInputElement {
    return el.querySelector(`input[formcontrolname="${name}"]`) as HTMLInputElement;
  }

  async function type(name: string, value: string) {
    const i = input(name);
    i.value = value;
    i.dispatchEvent(new Event('input'));
    await render();
  }

  const startButton = () => el.querySelector('[data-testid="start-training"]') as HTMLButtonElement;
  const text = (sel: string) => el.querySelector(sel)?.textContent?.trim() ?? null;

  it('starts valid with Start enabled and no errors shown', () => {
    expect(startButton().disabled).toBe(false);
    expect(el.querySelectorAll('mat-error')).toHaveLength(0);
    expect(text('[data-testid="start-blocked"]')).toBeNull();
  });

  it('shows mat-errors as the admin types the reviewed values, and disables Start with the reason', async () => {
    await type('validationShare', '0.9');
    await type('testShare', '0.5');
    await type('maxEpochs', '0');
    expect(text('[data-testid="validationShare-error"]')).toBe('Enter a share from 0.05 to 0.4 (5–40 % of the images).');
    expect(text('[data-testid="testShare-error"]')).toBe('Enter a share from 0.05 to 0.4 (5–40 % of the images).');
    expect(text('[data-testid="maxEpochs-error"]')).toBe('Enter a whole number from 1 to 1000.');
    expect(input('maxEpochs').getAttribute('aria-invalid')).toBe('true');
    expect(startButton().disabled).toBe(true);
    expect(text('[data-testid="start-blocked"]')).toBe('To start, fix: Validation share, Test share, Epochs cap.');

    await type('validationShare', '0.15');
    await type('testShare', '0.15');
    await type('maxEpochs', '30');
    expect(el.querySelectorAll('mat-error')).toHaveLength(0);
    expect(startButton().disabled).toBe(false);
  });

  it('marks both shares when together they leave too little to train on', async () => {
    await type('validationShare', '0.4');
    await type('testShare', '0.3');
    expect(text('[data-testid="validationShare-error"]')).toContain('use at most 0.3');
    expect(text('[data-testid="testShare-error"]')).toContain('use at most 0.2');
    expect(startButton().disabled).toBe(true);
  });

  it('asks for at least one trait when all are unticked', async () => {
    for (const box of Array.from(el.querySelectorAll<HTMLInputElement>('mat-checkbox input[type="checkbox"]'))) box.click();
    await render();
    expect(text('#traits-error')).toBe('Tick at least one trait to train.');
    expect(el.querySelector('fieldset')?.getAttribute('aria-describedby')).toBe('traits-error');
    expect(startButton().disabled).toBe(true);
  });

  it('sends the typed options and shows a server 400 message as is', async () => {
    for (const box of Array.from(el.querySelectorAll<HTMLInputElement>('mat-checkbox input[type="checkbox"]')).slice(2)) box.click();
    await type('maxEpochs', '60');
    await type('seed', '7');
    await type('name', '  small run ');
    startButton().click();
    await render();
    const req = backend.expectOne((r) => r.url === BASE && r.method === 'POST');
    expect(req.request.body).toEqual({ traits: ['is_cat', 'colour'], validationShare: 0.15, testShare: 0.15, maxEpochs: 60, seed: 7, name: 'small run' });
    const message = 'The labelled set cannot support this training run: Colour needs at least 2 different values.';
    req.flush({ statusCode: 400, message }, { status: 400, statusText: 'Bad Request' });
    await render();
    expect(text('[data-testid="start-error"]')).toBe(message);
  });

  it('after a refusal for traits the set cannot train yet, starts without them in one click', async () => {
    startButton().click();
    await render();
    backend.expectOne((r) => r.url === BASE && r.method === 'POST').flush(
      {
        statusCode: 400,
        message: 'The labelled set cannot support this training run: Pattern needs …; Colourpoint needs …',
        problems: ['Pattern needs …', 'Colourpoint needs …'],
        counts: {},
        thinTraits: ['pattern', 'is_pointed'],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await render();
    const without = el.querySelector<HTMLButtonElement>('[data-testid="start-without"]')!;
    expect(without.textContent).toContain('Start without Pattern and Colourpoint');
    without.click();
    await render();
    const req = backend.expectOne((r) => r.url === BASE && r.method === 'POST');
    expect(req.request.body.traits).toEqual(['is_cat', 'colour', 'is_tabby']);
    req.flush({ statusCode: 400, message: 'Too few images.', problems: ['Too few images.'], counts: {}, thinTraits: [] }, { status: 400, statusText: 'Bad Request' });
    await render();
    // nothing left to leave out: no such button
    expect(el.querySelector('[data-testid="start-without"]')).toBeNull();
  });
});
