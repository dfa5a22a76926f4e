import { focusPageStart } from './app-shell';

describe('focusPageStart (focus after moving to another page)', () => {
  let main: HTMLElement;
  let outside: HTMLButtonElement;

  beforeEach(() => {
    document.body.innerHTML = '<button id="out">Admin</button><main id="main" tabindex="-1"><a id="link" href="/x">Analyse another</a><h1>Training images</h1><button id="in">Upload</button></main>';
    main = document.getElementById('main')!;
    outside = document.getElementById('out') as HTMLButtonElement;
  });
  afterEach(() => (document.body.innerHTML = ''));

  it("moves focus from the top bar to the new page's heading", () => {
    outside.focus();
    focusPageStart();
    expect(document.activeElement).toBe(main.querySelector('h1'));
    expect(main.querySelector('h1')!.getAttribute('tabindex')).toBe('-1');
  });

  it('moves focus off the link inside the page that led there', () => {
    (document.getElementById('link') as HTMLElement).focus();
    focusPageStart();
    expect(document.activeElement).toBe(main.querySelector('h1'));
  });

  it('leaves focus where the page put it', () => {
    (document.getElementById('in') as HTMLElement).focus();
    focusPageStart();
    expect(document.activeElement?.id).toBe('in');
  });

  it('with force, also takes focus from a control of the page (the admin drawer hands it back to its menu button)', () => {
    (document.getElementById('in') as HTMLElement).focus();
    focusPageStart(document, true);
    expect(document.activeElement).toBe(main.querySelector('h1'));
  });

  it('falls back to the main region when the page has no heading yet', () => {
    main.querySelector('h1')!.remove();
    outside.focus();
    focusPageStart();
    expect(document.activeElement).toBe(main);
  });
});
