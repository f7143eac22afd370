// What staff are shown of the findings: each with the patient's own words behind it, those words
// encrypted at rest, and no finding without them; the SBAR template follows the same rule; and
// every finding, red flag, complaint and age band has a label in English and Spanish.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sbarTemplate } from '../../src/bot/handover-template';
import { AGE_BANDS, ageBand } from '../../src/triage/age-band';
import { loadClinicalContent } from '../../src/triage/content';
import { NURSE, buildStaffApp, seedCase, signIn } from './helpers';

const ROOT = join(__dirname, '..', '..');
const staffTexts = (lang: string): Record<string, Record<string, unknown>> => JSON.parse(readFileSync(join(ROOT, 'locales', lang, 'staff-labels.json'), 'utf8'));

describe('findings in the case view', () => {
  it('shows only findings with the patient\'s words, decrypted; the words are encrypted at rest', async () => {
    const ctx = await buildStaffApp();
    const id = await seedCase(ctx, {
      ageBand: 'older',
      findings: [
        { id: 'chest_pain', present: true, source: 'text', evidence: 'my chest hurts' },
        { id: 'pain_radiating', present: true, source: 'answer', evidence: 'yes it goes down my left arm' },
        { id: 'spreading_redness', present: true, source: 'llm' },
        { id: 'fever', present: false, source: 'answer', evidence: 'no fever' },
        { id: 'injury', present: true, source: 'text', evidence: '   ' },
      ],
    });
    const stored = (await ctx.services.repos.cases.get(id))!;
    expect(JSON.stringify(stored)).not.toMatch(/my chest hurts|left arm|no fever/);
    expect(stored.findings.find((f) => f.id === 'chest_pain')!.evidence).toMatch(/^v1\./);

    const nurse = await signIn(ctx, NURSE);
    const res = await nurse.agent.get(`/api/staff/cases/${id}`).expect(200);
    expect(res.body.case.findings).toEqual([
      { id: 'chest_pain', present: true, source: 'text', evidence: 'my chest hurts' },
      { id: 'pain_radiating', present: true, source: 'answer', evidence: 'yes it goes down my left arm' },
      { id: 'fever', present: false, source: 'answer', evidence: 'no fever' },
    ]);
    expect(res.body.case).toMatchObject({ ageBand: 'older', askedForPerson: false, protocol: 'stroke' });
    // The queue carries the age band and the complaint code, never the words.
    const queue = await nurse.agent.get('/api/staff/cases').expect(200);
    expect(queue.body.cases[0]).toMatchObject({ id, ageBand: 'older', protocol: 'stroke', askedForPerson: false });
    expect(JSON.stringify(queue.body)).not.toMatch(/chest hurts|left arm/);
  }, 60_000);

  it('marks a case where the patient asked for a person', async () => {
    const ctx = await buildStaffApp();
    const id = await seedCase(ctx, { disposition: 'urgent', protocol: 'staff_request', reasons: [{ code: 'patient_requested_staff', text: 'Asked to talk to a person' }] });
    const nurse = await signIn(ctx, NURSE);
    const queue = await nurse.agent.get('/api/staff/cases').expect(200);
    expect(queue.body.cases.find((c: { id: string }) => c.id === id)).toMatchObject({ askedForPerson: true, ageBand: null });
  }, 60_000);
});

describe('the SBAR template', () => {
  it('lists a finding only with the patient\'s words, quoted', () => {
    const note = sbarTemplate({
      disposition: 'emergency', protocol: 'chest_pain', channel: 'webchat', language: 'en',
      reasons: [{ code: 'redflag.heart_attack_signs', text: 'Chest pain spreading to the arm' }],
      findings: [
        { id: 'chest_pain', present: true, source: 'text', evidence: 'chest pain spreading to my arm' },
        { id: 'redflag.heart_attack_signs', present: true, source: 'text', evidence: 'chest pain spreading to my arm' },
        { id: 'injury', present: true, source: 'llm' },
        { id: 'spreading_redness', present: true, source: 'text', evidence: '' },
        { id: 'sweating', present: false, source: 'answer', evidence: 'no' },
      ],
    });
    expect(note).toContain('B: Reported: chest pain ("chest pain spreading to my arm"), red flag heart attack signs ("chest pain spreading to my arm"). Denied: sweating ("no").');
    expect(note).not.toMatch(/injury|spreading redness/);
  });
});

describe('age bands', () => {
  it.each([[null, null], [0.5, 'infant'], [1, 'child'], [12, 'child'], [13, 'teen'], [17, 'teen'], [18, 'adult'], [64, 'adult'], [65, 'older'], [-1, null]] as const)('%p years → %p', (years, band) => {
    expect(ageBand(years)).toBe(band);
  });
});

describe('staff labels', () => {
  const content = loadClinicalContent();
  const redFlags = [...readFileSync(join(ROOT, 'clinical', 'red-flags.yaml'), 'utf8').matchAll(/^ {2}- id: (\w+)/gm)].map((m) => m[1]!);
  const protocols = readdirSync(join(ROOT, 'clinical', 'protocols')).map((f) => f.replace(/\.yaml$/, ''));

  it.each(['en', 'es'])('every finding, red flag, complaint and age band has a %s label', (lang) => {
    const texts = staffTexts(lang);
    const findings = texts.findingLabels as Record<string, unknown> & { redflag: Record<string, unknown> };
    expect([...content.findingIds].filter((id) => typeof findings[id] !== 'string')).toEqual([]);
    expect(redFlags.length).toBeGreaterThan(20);
    expect(redFlags.filter((id) => typeof findings.redflag[id] !== 'string')).toEqual([]);
    expect([...protocols, 'staff_request', 'emergency'].filter((p) => typeof texts.complaints![p] !== 'string')).toEqual([]);
    expect(AGE_BANDS.filter((b) => typeof texts.ageBands![b] !== 'string')).toEqual([]);
  });
});
