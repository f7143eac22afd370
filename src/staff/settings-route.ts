// What the console needs to know of the clinic's policy: waiting-time targets per disposition,
// from the clinic file. Not secret, but behind sign-in like the rest of the API.
import type { RequestHandler } from 'express';
import type { Clinic } from '../config/clinic';

export function consoleSettings(clinic: Clinic): RequestHandler {
  return (_req, res) => {
    res.json({ waitTargetsMinutes: clinic.waitTargetsMinutes, timezone: clinic.timezone });
  };
}
