import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import {
  BUSY_MESSAGE,
  MODEL_UNAVAILABLE_MESSAGE,
  OFFLINE_MESSAGE,
  SERVER_ERROR_MESSAGE,
  describeHttpError,
} from './http-error';

function httpError(status: number, error: unknown = null, headers?: Record<string, string>) {
  return new HttpErrorResponse({ status, error, headers: new HttpHeaders(headers ?? {}), url: '/api/x' });
}

describe('describeHttpError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says offline for status 0 (network failure)', () => {
    expect(describeHttpError(httpError(0, new ProgressEvent('error')))).toBe(OFFLINE_MESSAGE);
  });

  it('says offline when the browser knows it is offline, whatever the status', () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    expect(describeHttpError(httpError(504))).toBe(OFFLINE_MESSAGE);
  });

  it('explains 413 with the server message, or a default mentioning the limit', () => {
    expect(describeHttpError(httpError(413, { message: 'The file is too large: the limit is 15 MB.' }))).toBe(
      'The file is too large: the limit is 15 MB.',
    );
    expect(describeHttpError(httpError(413))).toContain('too large');
  });

  it('passes the server message through for 400, 415 and 422', () => {
    for (const status of [400, 415, 422]) {
      expect(describeHttpError(httpError(status, { statusCode: status, message: `bad ${status}`, error: 'x' }))).toBe(
        `bad ${status}`,
      );
    }
  });

  it('joins validation message arrays into one sentence', () => {
    expect(describeHttpError(httpError(400, { message: ['accepted must be a boolean', 'colour is invalid'] }))).toBe(
      'accepted must be a boolean; colour is invalid',
    );
  });

  it('parses a JSON error body that arrived as text', () => {
    expect(describeHttpError(httpError(415, '{"message":"Only JPEG, PNG or WebP"}'))).toBe('Only JPEG, PNG or WebP');
  });

  it('asks to slow down on 429, using Retry-After when present', () => {
    expect(describeHttpError(httpError(429))).toBe(BUSY_MESSAGE);
    expect(describeHttpError(httpError(429, null, { 'Retry-After': '30' }))).toContain('30 seconds');
  });

  it('says the model is not available on 503', () => {
    expect(describeHttpError(httpError(503, { message: 'No active model' }))).toBe(MODEL_UNAVAILABLE_MESSAGE);
  });

  it('gives a generic message with the correlation id on 5xx, never the raw server text', () => {
    const msg = describeHttpError(httpError(500, { message: 'TypeError: x is undefined', correlationId: 'abc-123' }));
    expect(msg).toContain(SERVER_ERROR_MESSAGE);
    expect(msg).toContain('abc-123');
    expect(msg).not.toContain('TypeError');
    expect(describeHttpError(httpError(502))).toBe(SERVER_ERROR_MESSAGE);
    expect(describeHttpError(httpError(500, null, { 'X-Correlation-Id': 'hdr-9' }))).toContain('hdr-9');
  });

  it('handles non-HTTP errors', () => {
    expect(describeHttpError(new Error('Boom'))).toBe('Boom');
    expect(describeHttpError('weird')).toContain('unexpected');
  });
});
