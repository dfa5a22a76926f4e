import {
  BadRequestException,
  HttpException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { EngineError, ImageInputError, LabelError } from '../ml/errors';

/**
 * The one mapping from the engine's typed errors to HTTP: the caller's image or label → 4xx with the
 * engine's readable message; an engine failure → 503. Anything else is returned unchanged (a 500 later).
 */
export function engineErrorToHttp(err: unknown): unknown {
  if (err instanceof HttpException) return err;
  if (err instanceof ImageInputError) {
    switch (err.code) {
      case 'empty':
        return new BadRequestException(err.message);
      case 'unsupported_type':
        return new UnsupportedMediaTypeException(err.message);
      case 'corrupt':
        return new UnprocessableEntityException(err.message);
      case 'too_many_pixels':
      case 'too_large':
        return new PayloadTooLargeException(err.message);
    }
  }
  if (err instanceof LabelError) return new BadRequestException(err.message);
  if (err instanceof EngineError) {
    return new ServiceUnavailableException(
      err.code === 'no_model'
        ? 'No model is available yet. An administrator needs to train or activate one.'
        : 'The analysis engine is not available right now. Please try again in a minute.',
    );
  }
  return err;
}
