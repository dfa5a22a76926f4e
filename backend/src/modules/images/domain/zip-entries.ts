/**
 * Pure rules for reading an uploaded ZIP archive safely: which entry names are acceptable (zip-slip),
 * which entries are archives or system files, and how folder names and labels.csv rows become labels.
 * Entries are never written to disk by their names; these checks keep reports and label look-ups honest.
 */
import { COLOURS, PATTERNS, PhenotypeLabel, TraitName, normaliseLabel } from '../../../ml/vocabulary';

export type EntryPathCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Normalises an entry name to a relative, forward-slash path. Rejects absolute paths, drive letters,
 * `..` segments and NUL bytes: such names only appear in crafted archives (zip-slip).
 */
export function checkEntryPath(raw: string): EntryPathCheck {
  const unsafe = { ok: false as const, reason: 'unsafe path (absolute or containing "..") - skipped' };
  if (!raw || raw.includes('\0')) return unsafe;
  const p = raw.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[a-zA-Z]:/.test(p)) return unsafe;
  const segments = p.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return unsafe;
  return { ok: true, path: segments.join('/') };
}

/** Files the OS adds to archives (macOS resource forks, Finder and Explorer metadata): skipped silently. */
export function isSystemEntry(path: string): boolean {
  const segments = path.split('/');
  const base = segments[segments.length - 1] ?? '';
  return (
    segments.includes('__MACOSX') ||
    base === '.DS_Store' ||
    base.startsWith('._') ||
    base.toLowerCase() === 'thumbs.db' ||
    base.toLowerCase() === 'desktop.ini'
  );
}

const ARCHIVE_EXTENSIONS = /\.(zip|jar|tar|tgz|gz|bz2|xz|7z|rar|zst|lz|lzma|cab|iso)$/i;

/** A nested archive, recognised by its name or by its first bytes (zip, gzip, 7z, rar, bzip2, xz). */
export function isNestedArchive(path: string, head?: Buffer): boolean {
  if (ARCHIVE_EXTENSIONS.test(path)) return true;
  if (!head || head.length < 4) return false;
  const b = head;
  if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05 || b[2] === 0x07)) return true; // PK
  if (b[0] === 0x1f && b[1] === 0x8b) return true; // gzip
  if (b[0] === 0x37 && b[1] === 0x7a && b[2] === 0xbc && b[3] === 0xaf) return true; // 7z
  if (b[0] === 0x52 && b[1] === 0x61 && b[2] === 0x72 && b[3] === 0x21) return true; // Rar!
  if (b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68) return true; // bzip2
  if (b[0] === 0xfd && b[1] === 0x37 && b[2] === 0x7a && b[3] === 0x58) return true; // xz
  return false;
}

export function isLabelsCsv(path: string): boolean {
  const base = path.split('/').pop() ?? '';
  return base.toLowerCase() === 'labels.csv';
}

/** True when the bytes start like a ZIP archive (local file header or the end record of an empty archive). */
export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06);
}

// ---------------------------------------------------------------------------------------------------------
// Folder names → labels

const FOLDER_WORDS: Record<string, Partial<PhenotypeLabel>> = (() => {
  const words: Record<string, Partial<PhenotypeLabel>> = {};
  for (const c of COLOURS) words[c] = { colour: c };
  for (const p of PATTERNS) words[p] = { pattern: p };
  Object.assign(words, {
    grey: { colour: 'blue' },
    gray: { colour: 'blue' },
    ginger: { colour: 'red' },
    orange: { colour: 'red' },
    tortie: { colour: 'other' },
    calico: { colour: 'other' },
    solid: { pattern: 'self' },
    bicolor: { pattern: 'bicolour' },
    tabby: { is_tabby: true },
    pointed: { is_pointed: true },
    colourpoint: { is_pointed: true },
    colorpoint: { is_pointed: true },
    cat: { is_cat: true },
    cats: { is_cat: true },
  } satisfies Record<string, Partial<PhenotypeLabel>>);
  return words;
})();

const WHOLE_SEGMENT_WORDS: Record<string, Partial<PhenotypeLabel>> = {
  'not-cat': { is_cat: false },
  not_cat: { is_cat: false },
  'not cat': { is_cat: false },
  notcat: { is_cat: false },
  'non-cat': { is_cat: false },
  noncat: { is_cat: false },
  'no-cat': { is_cat: false },
  'not-tabby': { is_tabby: false },
  'non-tabby': { is_tabby: false },
  'not-pointed': { is_pointed: false },
};

/** The traits one folder name stands for, or null when the folder name is not made of vocabulary words. */
export function labelFromFolderName(segment: string): Partial<PhenotypeLabel> | null {
  const s = segment.trim().toLowerCase();
  if (!s) return null;
  if (WHOLE_SEGMENT_WORDS[s]) return { ...WHOLE_SEGMENT_WORDS[s] };
  const tokens = s.split(/[-_ .+]+/).filter(Boolean);
  if (!tokens.length) return null;
  const out: Partial<PhenotypeLabel> = {};
  for (const t of tokens) {
    const w = FOLDER_WORDS[t];
    if (!w) return null;
    for (const [k, v] of Object.entries(w) as [TraitName, unknown][]) {
      if (k in out && (out as Record<string, unknown>)[k] !== v) return null; // "blue-red": ambiguous
      (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

/**
 * Label implied by the folders an entry sits in, e.g. `blue/bicolour/x.jpg` → blue bicolour cat,
 * `not-cat/dog.jpg` → not a cat, `holiday/x.jpg` → null (no vocabulary folder). Folders that are not vocabulary
 * words are ignored; two folders naming different values of one trait leave that trait unknown. Any coat trait
 * implies is_cat = true (only cats have a coat); `not-cat` wins over everything and clears the coat traits.
 */
export function labelFromFolders(path: string): PhenotypeLabel | null {
  const dirs = path.split('/').slice(0, -1);
  const acc: Record<string, unknown> = {};
  const conflicts = new Set<string>();
  let found = false;
  for (const d of dirs) {
    const part = labelFromFolderName(d);
    if (!part) continue;
    found = true;
    for (const [k, v] of Object.entries(part)) {
      if (k in acc && acc[k] !== v) conflicts.add(k);
      acc[k] = v;
    }
  }
  if (!found) return null;
  for (const k of conflicts) delete acc[k];
  if (acc.is_cat === false) return normaliseLabel({ is_cat: false });
  const hasCoat = ['colour', 'pattern', 'is_tabby', 'is_pointed'].some((k) => acc[k] !== undefined);
  if (hasCoat && acc.is_cat === undefined) acc.is_cat = true;
  const label = normaliseLabel(acc);
  return Object.values(label).some((v) => v !== null) ? label : null;
}

// ---------------------------------------------------------------------------------------------------------
// labels.csv

export interface CsvLabelRow {
  line: number;
  label?: PhenotypeLabel;
  error?: string;
}

export interface ParsedLabelsCsv {
  /** key: entry path relative to the archive root (csv folder + file column, normalised) */
  rows: Map<string, CsvLabelRow>;
  /** problems with the file as a whole (missing header...) */
  problem?: string;
}

/** Splits CSV text into rows of cells (RFC 4180: quotes, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const CSV_TRAITS: TraitName[] = ['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed'];

/**
 * Reads a labels.csv (format of shared/data: `file,is_cat,colour,pattern,is_tabby,is_pointed[,extra…]`,
 * empty = unknown; `file` is relative to the CSV's folder). Bad values are reported per line, not thrown.
 */
export function parseLabelsCsv(text: string, csvPath: string): ParsedLabelsCsv {
  const rows = new Map<string, CsvLabelRow>();
  const table = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ''));
  if (!table.length) return { rows, problem: 'labels.csv is empty' };
  const header = table[0].map((h) => h.trim().toLowerCase());
  const fileCol = header.indexOf('file');
  if (fileCol < 0) {
    return { rows, problem: 'labels.csv has no "file" column; the header must be file,is_cat,colour,pattern,is_tabby,is_pointed' };
  }
  const cols = CSV_TRAITS.map((t) => [t, header.indexOf(t)] as const).filter(([, i]) => i >= 0);
  if (!cols.length) return { rows, problem: 'labels.csv has no trait columns (is_cat, colour, pattern, is_tabby, is_pointed)' };
  const dir = csvPath.includes('/') ? csvPath.slice(0, csvPath.lastIndexOf('/')) : '';
  for (let i = 1; i < table.length; i++) {
    const r = table[i];
    const file = (r[fileCol] ?? '').trim();
    if (!file) continue;
    const checked = checkEntryPath(dir ? `${dir}/${file}` : file);
    if (!checked.ok) continue;
    const raw: Partial<Record<TraitName, unknown>> = {};
    for (const [t, idx] of cols) raw[t] = (r[idx] ?? '').trim();
    try {
      rows.set(checked.path, { line: i + 1, label: normaliseLabel(raw) });
    } catch (err) {
      rows.set(checked.path, { line: i + 1, error: `labels.csv line ${i + 1}: ${(err as Error).message}` });
    }
  }
  return { rows };
}
