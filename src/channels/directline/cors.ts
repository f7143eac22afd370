// CORS for the Direct Line API: the widget runs on the clinic's own website, which is usually
// another origin than this service. Only the origins in WIDGET_ALLOWED_ORIGINS (and this
// service's own origin) may call the API from a browser. A request from any other origin is
// refused outright rather than merely left without CORS headers, so a foreign page cannot even
// mint tokens through a patient's browser.
import type { Request, RequestHandler } from 'express';
import { forbidden } from '../../http/errors';

const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Requested-With, x-ms-bot-agent';
const PREFLIGHT_MAX_AGE_SECONDS = 600;

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}`;
}

export function directLineCors(publicUrl: string, allowedOrigins: string[]): RequestHandler {
  const allowed = new Set([publicUrl, ...allowedOrigins].map(originOf).filter((o): o is string => Boolean(o)));
  return (req, res, next) => {
    const origin = req.header('origin');
    res.vary('Origin');
    if (!origin) return next(); // not a browser cross-origin call (server-to-server, curl, same-origin GET)
    if (!allowed.has(origin) && origin !== ownOrigin(req)) return next(forbidden('This website may not use the clinic chat.'));
    res.setHeader('Access-Control-Allow-Origin', origin);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
      res.status(204).end();
      return;
    }
    next();
  };
}
