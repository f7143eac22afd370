// Gives every request an id, runs the rest of the request inside the log context, and records
// request metrics by route pattern (never by raw path, which may carry ids).
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { runWithContext } from '../observability/context';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';

export function requestContext(logger: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const header = req.header('x-request-id');
    const requestId = header && /^[\w-]{1,64}$/.test(header) ? header : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const path = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.httpDuration.observe({ method: req.method, route }, seconds);
      runWithContext({ requestId }, () => logger.debug({ method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request'));
    });
    runWithContext({ requestId }, next);
  };
}
