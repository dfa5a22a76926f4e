import { checkEntryPath, isNestedArchive, isSystemEntry, labelFromFolders, looksLikeZip, parseLabelsCsv } from './zip-entries';

describe('checkEntryPath (zip-slip)', () => {
  it.each(['../evil.jpg', 'a/../../evil.jpg', '/etc/passwd', 'C:/x.jpg', 'a\\..\\..\\x.jpg', 'a\0b.jpg'])('rejects %j', (p) => {
    expect(checkEntryPath(p).ok).toBe(false);
  });
  it('normalises safe names', () => {
    expect(checkEntryPath('./blue\\cat 1.jpg')).toEqual({ ok: true, path: 'blue/cat 1.jpg' });
    expect(checkEntryPath('a//b/./c.png')).toEqual({ ok: true, path: 'a/b/c.png' });
  });
});

describe('entry kinds', () => {
  it('spots system files and nested archives', () => {
    expect(isSystemEntry('__MACOSX/blue/._a.jpg')).toBe(true);
    expect(isSystemEntry('blue/.DS_Store')).toBe(true);
    expect(isSystemEntry('blue/a.jpg')).toBe(false);
    expect(isNestedArchive('x/inner.zip')).toBe(true);
    expect(isNestedArchive('x/photo.jpg', Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(true);
    expect(isNestedArchive('x/photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(false);
    expect(looksLikeZip(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(true);
    expect(looksLikeZip(Buffer.from('%PDF'))).toBe(false);
  });
});

describe('labelFromFolders', () => {
  it('maps vocabulary folder names, a coat implying a cat', () => {
    expect(labelFromFolders('blue/a.jpg')).toEqual({ is_cat: true, colour: 'blue', pattern: null, is_tabby: null, is_pointed: null });
    expect(labelFromFolders('set1/red-tabby/bicolour/a.jpg')).toEqual({ is_cat: true, colour: 'red', pattern: 'bicolour', is_tabby: true, is_pointed: null });
    expect(labelFromFolders('Not-Cat/dog.jpg')).toEqual({ is_cat: false, colour: null, pattern: null, is_tabby: null, is_pointed: null });
    expect(labelFromFolders('not-cat/blue/dog.jpg')?.colour).toBeNull();
  });
  it('ignores other folders and conflicting values', () => {
    expect(labelFromFolders('holiday/a.jpg')).toBeNull();
    expect(labelFromFolders('a.jpg')).toBeNull();
    expect(labelFromFolders('blue/red/a.jpg')).toBeNull(); // contradictory folders say nothing reliable
  });
});

describe('parseLabelsCsv', () => {
  it('reads rows relative to the csv folder, quotes and bad values', () => {
    const csv = 'file,is_cat,colour,pattern,is_tabby,is_pointed,notes\r\na.jpg,true,blue,self,false,,x\n"sub/b, c.jpg",false,,,,,\nd.jpg,true,purple,,,,\n../e.jpg,true,,,,,\n';
    const parsed = parseLabelsCsv(csv, 'root/labels.csv');
    expect(parsed.problem).toBeUndefined();
    expect(parsed.rows.get('root/a.jpg')?.label).toEqual({ is_cat: true, colour: 'blue', pattern: 'self', is_tabby: false, is_pointed: null });
    expect(parsed.rows.get('root/sub/b, c.jpg')?.label?.is_cat).toBe(false);
    expect(parsed.rows.get('root/d.jpg')?.error).toMatch(/line 4: colour must be one of .*purple/);
    expect(parsed.rows.has('e.jpg')).toBe(false); // rows pointing outside the csv folder are ignored
  });
  it('reports a file without a file column', () => {
    expect(parseLabelsCsv('name,colour\na.jpg,blue\n', 'labels.csv').problem).toMatch(/no "file" column/);
  });
});
