import { HttpErrorResponse } from '@angular/common/http';

/** Error body shape of the backend: `{statusCode, message, error, correlationId?}`. */
interface ApiErrorBody {
  statusCode?: number;
  message?: string | string[];
  error?: string;
  correlationId?: string;
}

export const OFFLINE_MESSAGE = 'You seem to be offline. Check your internet connection and try again.';
export const BUSY_MESSAGE = 'The service is busy right now. Please wait a moment and try again.';
export const MODEL_UNAVAILABLE_MESSAGE =
  'The cat model is not available right now (it may be starting or being updated). Please try again in a minute.';
export const SERVER_ERROR_MESSAGE = 'Something went wrong on our side. Please try again.';

/**
 * Turns any error (usually an HttpErrorResponse) into one sentence a person can act on.
 * Used by every page that calls the API; never show `err.message` of an HttpErrorResponse directly.
 */
export function describeHttpError(err: unknown): string {
  if (!(err instanceof HttpErrorResponse)) {
    if (err instanceof Error && err.message) return err.message;
    return 'Something unexpected happened. Please try again.';
  }
  const body = parseBody(err.error);
  const serverMessage = messageOf(body);
  const status = err.status;

  if (status === 0 || isOffline()) return OFFLINE_MESSAGE;
  if (status === 413) {
    return serverMessage ?? 'The file is too large. Please choose a smaller photo (under 15 MB).';
  }
  if (status === 400 || status === 415 || status === 422) {
    return serverMessage ?? (status === 415
      ? 'This file type is not supported. Please use a JPEG, PNG or WebP photo.'
      : 'The request was not accepted. Please check what you sent and try again.');
  }
  if (status === 401) return serverMessage ?? 'Please sign in again.';
  if (status === 403) return 'You do not have permission to do this.';
  if (status === 404) return serverMessage ?? 'We could not find what you were looking for. The link may be wrong or out of date.';
  if (status === 409) return serverMessage ?? 'This has already been done.';
  if (status === 429) {
    const retry = Number(err.headers?.get('Retry-After'));
    return Number.isFinite(retry) && retry > 0
      ? `The service is busy right now. Please wait ${Math.ceil(retry)} seconds and try again.`
      : BUSY_MESSAGE;
  }
  if (status === 503) return MODEL_UNAVAILABLE_MESSAGE;
  if (status >= 500) {
    const id = body?.correlationId ?? err.headers?.get('X-Correlation-Id') ?? err.headers?.get('X-Request-Id');
    return id ? `${SERVER_ERROR_MESSAGE} If it keeps happening, quote reference ${id}.` : SERVER_ERROR_MESSAGE;
  }
  return serverMessage ?? `The request failed (${status}). Please try again.`;
}

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

function parseBody(raw: unknown): ApiErrorBody | null {
  if (raw && typeof raw === 'object' && !(raw instanceof Blob) && !(raw instanceof ProgressEvent)) {
    return raw as ApiErrorBody;
  }
  if (typeof raw === 'string' && raw.trim().startsWith('{')) {
    try {
      return JSON.parse(raw) as ApiErrorBody;
    } catch {
      return null;
    }
  }
  return null;
}

function messageOf(body: ApiErrorBody | null): string | null {
  const m = body?.message;
  if (Array.isArray(m)) return m.filter(Boolean).join('; ') || null;
  return typeof m === 'string' && m.trim() ? m.trim() : null;
}
