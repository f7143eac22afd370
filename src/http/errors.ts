// Typed errors carry their HTTP outcome; one handler maps them and answers with a generic body.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../observability/logger';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message = 'The request is not valid.', code = 'bad_request'): HttpError => new HttpError(400, code, message);
export const unauthorized = (message = 'Authentication is required.'): HttpError => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'You are not allowed to do this.'): HttpError => new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Not found.'): HttpError => new HttpError(404, 'not_found', message);
export const conflict = (message = 'The resource changed; reload and try again.', code = 'conflict'): HttpError => new HttpError(409, code, message);
export const unavailable = (message = 'The service is not available.', code = 'unavailable'): HttpError => new HttpError(503, code, message);

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound('No such route.'));

interface BodyParserError {
  type?: string;
  status?: number;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const parserError = err as BodyParserError;
    if (parserError?.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'malformed_json', message: 'The request body is not valid JSON.' } });
      return;
    }
    if (parserError?.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'too_large', message: 'The request body is too large.' } });
      return;
    }
    if (parserError?.status && parserError.status >= 400 && parserError.status < 500) {
      res.status(parserError.status).json({ error: { code: 'bad_request', message: 'The request is not valid.' } });
      return;
    }
    // Unexpected: logged once without the error message (it may echo input), answered without details.
    logger.error({ errName: (err as Error)?.name, stack: (err as Error)?.stack?.split('\n').slice(1, 6).join('\n') }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } });
  };
}
