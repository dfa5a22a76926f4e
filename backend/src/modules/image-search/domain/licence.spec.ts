import { buildAttribution, licenceTraits, matchesLicenceFilter, openverseLicenceName, stripHtml } from './licence';

describe('licence helpers', () => {
  it('strips HTML from Wikimedia extmetadata', () => {
    expect(stripHtml('<a href="//commons.wikimedia.org/wiki/User:X" title="User:X">Jane&nbsp;Doe</a>')).toBe('Jane Doe');
    expect(stripHtml('<span class="int-own-work" lang="en">Own work</span>')).toBe('Own work');
    expect(stripHtml('Tom &amp; Jerry &#169; &#x263A;<br/>line')).toBe('Tom & Jerry © ☺ line');
    expect(stripHtml('<script>alert(1)</script>ok')).toBe('ok');
    expect(stripHtml(undefined)).toBe('');
  });

  it('names Openverse licences', () => {
    expect(openverseLicenceName('by-sa', '4.0')).toBe('CC BY-SA 4.0');
    expect(openverseLicenceName('cc0', '1.0')).toBe('CC0 1.0');
    expect(openverseLicenceName('pdm', '1.0')).toBe('Public Domain Mark 1.0');
    expect(openverseLicenceName(null, null)).toBe('unknown');
  });

  it('classifies licences for the filter', () => {
    expect(licenceTraits('CC BY-NC 2.0')).toEqual({ open: true, commercial: false, publicDomain: false });
    expect(licenceTraits('CC BY-SA 4.0')).toEqual({ open: true, commercial: true, publicDomain: false });
    expect(licenceTraits('Public domain')).toEqual({ open: true, commercial: true, publicDomain: true });
    expect(licenceTraits('CC0 1.0').publicDomain).toBe(true);
    expect(licenceTraits('Public Domain Mark 1.0').publicDomain).toBe(true);
    expect(licenceTraits('unknown').open).toBe(false);
    expect(matchesLicenceFilter('unknown', 'any')).toBe(true);
    expect(matchesLicenceFilter('unknown', 'open')).toBe(false);
    expect(matchesLicenceFilter('CC BY-NC-SA 3.0', 'commercial')).toBe(false);
    expect(matchesLicenceFilter('CC BY 2.0', 'public-domain')).toBe(false);
    expect(matchesLicenceFilter('Creative Commons, commercial use (Google licence filter)', 'commercial')).toBe(true);
  });

  it('builds a credit line', () => {
    expect(buildAttribution({ title: 'Blue cat', creator: 'Jane', licence: 'CC BY 4.0', via: 'Wikimedia Commons' })).toBe(
      '"Blue cat" by Jane, CC BY 4.0, via Wikimedia Commons',
    );
    expect(buildAttribution({ title: 'Cat', licence: 'unknown', via: 'example.com' })).toBe('"Cat", licence unknown, via example.com');
  });
});
