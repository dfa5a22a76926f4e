import { bodyParserError, nestingDepth } from './body-parsing';

describe('body parsing', () => {
  it('measures nesting without recursion, stopping early on a deep body', () => {
    expect(nestingDepth('x')).toBe(0);
    expect(nestingDepth({ a: 1 })).toBe(1);
    expect(nestingDepth({ a: [{ b: {} }] })).toBe(4);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(nestingDepth(deep, 32)).toBe(33);
  });

  it.each([
    [{ type: 'entity.parse.failed', status: 400 }, 400, 'The request body is not valid JSON: send a JSON object.'],
    [{ type: 'entity.too.large', status: 413 }, 413, 'The request body is too large: the limit is 1 MB.'],
    [{ type: 'charset.unsupported', status: 415, charset: 'latin1' }, 415, 'The body\'s charset "latin1" is not supported; send UTF-8.'],
    [{ type: 'encoding.unsupported', status: 415, encoding: 'br' }, 415, 'The body\'s Content-Encoding "br" is not supported; send it uncompressed, gzip or deflate.'],
    [{ type: 'request.aborted', status: 400 }, 400, 'The request body was cut off; please try again.'],
    [{ code: 'Z_DATA_ERROR', status: 400 }, 400, 'The request body could not be decompressed; check its Content-Encoding.'],
    [{ status: 403 }, 403, 'The request body could not be read.'],
    [new Error('boom'), 400, 'The request body could not be read.'],
  ])('maps %j to %i', (err, status, message) => {
    const e = bodyParserError(err);
    expect(e.getStatus()).toBe(status);
    expect(e.message).toBe(message);
  });
});
