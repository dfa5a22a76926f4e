import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, afterNextRender, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { downloadCsv, toCsv } from '../csv';

export interface TableColumn {
  key: string;
  label: string;
  format?: 'int' | 'percent' | 'number' | 'text';
}

export function formatCell(v: unknown, format: TableColumn['format'] = 'text'): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v !== 'number') return String(v);
  switch (format) {
    case 'percent':
      return `${(v * 100).toFixed(1)} %`;
    case 'number':
      return v.toFixed(3);
    case 'int':
      return v.toLocaleString('en-GB');
    default:
      return String(v);
  }
}

/**
 * One dashboard chart: its title, the chart (projected), the table of the same numbers beside it
 * (readable without hovering) and a CSV download of that table. With `empty` set, shows what to do instead.
 */
@Component({
  selector: 'app-chart-card',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <section class="card chart-card" [attr.aria-labelledby]="id() + '-title'" [attr.data-chart]="id()">
      <header>
        <div>
          <h3 [id]="id() + '-title'">{{ title() }}</h3>
          @if (subtitle()) { <p class="muted subtitle">{{ subtitle() }}</p> }
        </div>
        @if (!empty() && rows().length) {
          <button mat-stroked-button type="button" (click)="download()" [attr.aria-label]="'Download ' + title() + ' as CSV'">
            <mat-icon>download</mat-icon> CSV
          </button>
        }
      </header>
      @if (empty(); as message) {
        <p class="empty"><mat-icon aria-hidden="true">info</mat-icon> {{ message }}</p>
      } @else {
        <div class="body" [class.wide]="wide()">
          <div class="chart-col">
            <div class="chart" role="img" [attr.aria-label]="title() + ' chart; the same numbers are in the table'"><ng-content /></div>
            @if (legend().length) {
              <ul class="legend" aria-label="Legend">
                @for (l of legend(); track l.name) { <li><span class="swatch" [style.background]="l.color"></span>{{ l.name }}</li> }
              </ul>
            }
          </div>
          <!-- focusable: a keyboard user can scroll the table when it is taller or wider than its card -->
          <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="title() + ', table'">
            <table>
              <caption class="visually-hidden">{{ title() }}</caption>
              <thead><tr>@for (c of columns(); track c.key) { <th scope="col" [class.num]="c.format && c.format !== 'text'">{{ c.label }}</th> }</tr></thead>
              <tbody>
                @for (r of shownRows(); track $index) {
                  <tr>@for (c of columns(); track c.key) { <td [class.num]="c.format && c.format !== 'text'">{{ fmt(r[c.key], c.format) }}</td> }</tr>
                }
              </tbody>
            </table>
            @if (rows().length > maxRows()) { <p class="muted more">{{ rows().length - maxRows() }} more rows in the CSV.</p> }
          </div>
        </div>
      }
    </section>
  `,
  styles: `
    .chart-card { display: grid; gap: 12px; min-width: 0; }
    header { display: flex; justify-content: space-between; align-items: flex-start; gap: 12px; }
    h3 { margin: 0; font: var(--mat-sys-title-medium); }
    .subtitle { margin: 4px 0 0; font: var(--mat-sys-body-small); }
    /* Fixed ratio, not sized by the table: ngx-charts measures its container when its data changes, before the table re-renders. */
    .body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(220px, 2fr); gap: 16px; align-items: start; }
    @media (max-width: 900px) { .body { grid-template-columns: 1fr; } }
    .body.wide { grid-template-columns: minmax(0, 1fr); }
    .chart-col { min-width: 0; }
    .chart { height: 280px; min-width: 0; overflow: hidden; }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 8px 0 0; padding: 0; font: var(--mat-sys-body-small); }
    .legend li { display: flex; align-items: center; gap: 6px; }
    .swatch { width: 12px; height: 12px; border-radius: 3px; display: inline-block; }
    /* Still too wide (narrow cards): the table scrolls sideways inside the card, never past its edge. */
    .table-wrap { max-height: 280px; overflow: auto; }
    table { border-collapse: collapse; width: 100%; font: var(--mat-sys-body-small); }
    th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--app-outline); white-space: nowrap; }
    /* Long names (models, cells) in the first column wrap at spaces so headers and numbers keep their room. */
    td:first-child:not(.num) { white-space: normal; min-width: 12ch; }
    th { position: sticky; top: 0; background: var(--app-surface-raised); font-weight: 600; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .empty { display: flex; gap: 8px; align-items: center; margin: 0; padding: 24px 8px; color: var(--app-muted); }
    .more { margin: 4px 0 0; font: var(--mat-sys-body-small); }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChartCard {
  constructor() {
    // The chart is a picture (role="img"; its numbers are in the table beside it), but Chrome lets a keyboard
    // stop on every bar and point ngx-charts draws (it gives them tooltip focus handlers): hundreds of unnamed
    // Tab stops on the dashboards page. Keep whatever the chart draws, now or after a data change, out of the
    // Tab order; mouse tooltips are unchanged.
    const host = inject(ElementRef<HTMLElement>).nativeElement as HTMLElement;
    let observer: MutationObserver | undefined;
    afterNextRender(() => {
      const untab = () => host.querySelectorAll('.chart svg, .chart svg *').forEach((el) => el.getAttribute('tabindex') !== '-1' && el.setAttribute('tabindex', '-1'));
      untab();
      observer = new MutationObserver(untab);
      observer.observe(host, { childList: true, subtree: true });
    });
    inject(DestroyRef).onDestroy(() => observer?.disconnect());
  }

  readonly id = input.required<string>();
  readonly title = input.required<string>();
  readonly subtitle = input<string>('');
  readonly columns = input.required<TableColumn[]>();
  readonly rows = input.required<Array<Record<string, unknown>>>();
  /** A sentence telling the admin what to do, shown instead of the chart when there is nothing to draw. */
  readonly empty = input<string | null>(null);
  readonly maxRows = input(50);
  /** Series names and colours (drawn as text, so the chart keeps its full height). */
  readonly legend = input<Array<{ name: string; color: string }>>([]);
  /** Table below the chart at full card width, for tables with too many columns to sit beside it. */
  readonly wide = input(false);
  readonly shownRows = computed(() => this.rows().slice(0, this.maxRows()));
  readonly fmt = formatCell;

  download(): void {
    const columns = this.columns().map((c) => ({ key: c.key, label: c.label }));
    downloadCsv(`${this.id()}.csv`, toCsv(columns, this.rows()));
  }
}
