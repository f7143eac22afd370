// GET /appointments/:reference.ics?sig=… — the calendar file linked from a booking confirmation.
// The signature is checked before the store is read, so a wrong link learns nothing (403 alike
// for codes that exist and codes that do not).
import { Router, type Request, type Response } from 'express';
import type { Config } from '../config/env';
import { forbidden, notFound } from '../http/errors';
import type { Repositories, Services } from '../services';
import { formatReference } from './appointments';
import { buildIcs, icsFileName, icsLinkSigner } from './ics';

const REFERENCE = /^[A-Z0-9]{6}$/;

/** What the route reads; the app passes its whole Services. */
export type SchedulingRouteDeps = Pick<Services, 'clinic' | 'i18n' | 'now'> & {
  config: Pick<Config, 'dataKeys' | 'publicUrl'>;
  repos: Pick<Repositories, 'appointments'>;
};

export function schedulingRoutes(services: SchedulingRouteDeps): Router {
  const router = Router();
  const signer = icsLinkSigner(services.config);

  router.get('/appointments/:reference.ics', async (req: Request<{ reference: string }>, res: Response) => {
    const reference = req.params.reference.toUpperCase();
    if (!REFERENCE.test(reference) || !signer.verify(reference, req.query.sig)) throw forbidden('This link is not valid.');
    const appointment = await services.repos.appointments.findByReference(reference);
    if (!appointment) throw notFound('No such appointment.');
    const t = services.i18n.t(appointment.language);
    const vars = { clinic: services.clinic.name, reference: formatReference(reference), clinicPhone: services.clinic.phone };
    const body = buildIcs(appointment, services.clinic, { summary: t('booking:ics.summary', vars), description: t('booking:ics.description', vars) }, services.now());
    res
      .status(200)
      .set('Content-Type', 'text/calendar; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${icsFileName(reference)}"`)
      .set('Cache-Control', 'private, no-store')
      .send(body);
  });

  return router;
}
