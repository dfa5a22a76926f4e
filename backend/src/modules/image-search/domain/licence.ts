/** Pure helpers for licences and attribution text coming from image-search providers. */
import type { LicenceFilter } from '../../../contracts/image-search';

export const UNKNOWN_LICENCE = 'unknown';

/** The licence filter of the search page. */
export const LICENCE_FILTERS = ['any', 'open', 'commercial', 'public-domain'] as const satisfies readonly LicenceFilter[];
export type { LicenceFilter };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Text of an HTML fragment (Wikimedia's extmetadata values are HTML): tags dropped, entities decoded, spaces collapsed. */
export function stripHtml(html: string | null | undefined): string {
  if (!html) return '';
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+|#39);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Openverse licence code + version → a readable licence name ("by-sa","4.0" → "CC BY-SA 4.0"). */
export function openverseLicenceName(code: string | null | undefined, version: string | null | undefined): string {
  if (!code) return UNKNOWN_LICENCE;
  const c = code.toLowerCase();
  const v = version && version !== 'N/A' ? ` ${version}` : '';
  if (c === 'cc0') return `CC0${v}`;
  if (c === 'pdm') return `Public Domain Mark${v}`;
  if (c === 'sampling+') return `CC Sampling+${v}`;
  if (c === 'nc-sampling+') return `CC NC-Sampling+${v}`;
  return `CC ${c.toUpperCase()}${v}`;
}

export interface LicenceTraits {
  /** A known open licence (Creative Commons, public domain, GFDL, Free Art…). */
  open: boolean;
  /** Allows commercial use. */
  commercial: boolean;
  publicDomain: boolean;
}

export function licenceTraits(licence: string | null | undefined): LicenceTraits {
  const l = (licence ?? '').trim();
  if (!l || l.toLowerCase() === UNKNOWN_LICENCE || /all rights reserved|copyrighted(?! free)/i.test(l)) {
    return { open: false, commercial: false, publicDomain: false };
  }
  const publicDomain = /^(cc0|public domain|pd\b|pdm\b|no restrictions|no known copyright)/i.test(l);
  const nonCommercial = /(^|[\s-])nc([\s-]|$)|non-?commercial/i.test(l);
  return { open: true, commercial: !nonCommercial, publicDomain };
}

export function matchesLicenceFilter(licence: string | null | undefined, filter: LicenceFilter): boolean {
  if (filter === 'any') return true;
  const t = licenceTraits(licence);
  if (filter === 'open') return t.open;
  if (filter === 'commercial') return t.open && t.commercial;
  return t.publicDomain;
}

/** "Title" by Creator, Licence, via Source — the usual credit line when a provider gives none. */
export function buildAttribution(p: { title?: string | null; creator?: string | null; licence?: string | null; via?: string | null }): string {
  const parts: string[] = [];
  const title = p.title?.trim();
  const creator = p.creator?.trim();
  parts.push(title ? `"${title}"${creator ? ` by ${creator}` : ''}` : creator ? `By ${creator}` : 'Untitled image');
  parts.push(p.licence && p.licence !== UNKNOWN_LICENCE ? p.licence : 'licence unknown');
  if (p.via) parts.push(`via ${p.via}`);
  return parts.join(', ');
}
