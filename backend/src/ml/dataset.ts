/** Reading labelled image folders (labels.csv: file,is_cat,colour,pattern,is_tabby,is_pointed[,extra...]). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normaliseLabel, TRAIT_NAMES, type PhenotypeLabel, type TraitName } from './vocabulary';

export interface DatasetRow {
  file: string; // absolute path
  label: PhenotypeLabel;
  source: string; // dataset folder name
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function readLabelledDir(dir: string): DatasetRow[] {
  const csvPath = path.join(dir, 'labels.csv');
  if (!fs.existsSync(csvPath)) throw new Error(`${csvPath} not found: each data folder needs a labels.csv`);
  const rows = parseCsv(fs.readFileSync(csvPath, 'utf8'));
  const header = rows[0].map((h) => h.trim());
  if (header[0] !== 'file') throw new Error(`${csvPath}: first column must be "file"`);
  const idx: Partial<Record<TraitName, number>> = {};
  for (const t of TRAIT_NAMES) {
    const i = header.indexOf(t);
    if (i >= 0) idx[t] = i;
  }
  const out: DatasetRow[] = [];
  rows.slice(1).forEach((r, n) => {
    const raw: Partial<Record<TraitName, unknown>> = {};
    for (const t of TRAIT_NAMES) if (idx[t] !== undefined) raw[t] = r[idx[t]!] ?? '';
    let label: PhenotypeLabel;
    try {
      label = normaliseLabel(raw);
    } catch (e) {
      throw new Error(`${csvPath} line ${n + 2}: ${(e as Error).message}`);
    }
    out.push({ file: path.resolve(dir, r[0]), label, source: path.basename(path.resolve(dir)) });
  });
  return out;
}

export function readLabelledDirs(dirs: string[]): DatasetRow[] {
  return dirs.flatMap((d) => readLabelledDir(d));
}

/**
 * Labels added by inspection to a data folder whose own labels leave traits unknown (the Oxford sample's British
 * Shorthairs carry no colour, because the breed standard does not fix it). Same columns as labels.csv; `file` is
 * relative to that data folder. A supplement only fills traits the folder's labels leave unknown: it never
 * overrides one.
 */
export function readLabelSupplement(csvPath: string): Map<string, PhenotypeLabel> {
  const rows = parseCsv(fs.readFileSync(csvPath, 'utf8'));
  const header = rows[0].map((h) => h.trim());
  if (header[0] !== 'file') throw new Error(`${csvPath}: first column must be "file"`);
  const out = new Map<string, PhenotypeLabel>();
  rows.slice(1).forEach((r, n) => {
    const raw: Partial<Record<TraitName, unknown>> = {};
    for (const t of TRAIT_NAMES) if (header.includes(t)) raw[t] = r[header.indexOf(t)] ?? '';
    try {
      out.set(r[0], normaliseLabel(raw));
    } catch (e) {
      throw new Error(`${csvPath} line ${n + 2}: ${(e as Error).message}`);
    }
  });
  return out;
}

/** `label` with its unknown traits filled from `extra` (a known trait is kept, even where `extra` differs). */
export function fillUnknown(label: PhenotypeLabel, extra: PhenotypeLabel): PhenotypeLabel {
  const filled = { ...label };
  for (const t of TRAIT_NAMES) if (filled[t] === null && extra[t] !== null) (filled as Record<TraitName, unknown>)[t] = extra[t];
  return normaliseLabel(filled);
}
