// The clinical files load, and a malformed file is rejected with its file name and field path.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClinicalContentError, defaultClinicalDir, loadClinicalContent } from '../../src/triage/content';
import { LANGUAGES } from '../../src/triage/types';

function copyOfClinical(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clinical-'));
  cpSync(defaultClinicalDir(), dir, { recursive: true });
  return dir;
}

function loadError(dir: string): ClinicalContentError {
  try {
    loadClinicalContent(dir);
  } catch (err) {
    if (err instanceof ClinicalContentError) return err;
    throw err;
  }
  throw new Error('expected a ClinicalContentError');
}

describe('clinical content', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tmp = (): string => {
    const d = copyOfClinical();
    dirs.push(d);
    return d;
  };

  it('loads the bundled files: at least 20 protocols, a general fallback, every protocol reviewed and versioned', () => {
    const content = loadClinicalContent();
    expect(content.protocols.size).toBeGreaterThanOrEqual(20);
    expect(content.protocols.has('general')).toBe(true);
    for (const p of content.protocols.values()) {
      expect(p.reviewedBy.length).toBeGreaterThan(0);
      expect(p.version.length).toBeGreaterThan(0);
      expect(p.source.length).toBeGreaterThan(0);
      for (const lang of LANGUAGES) expect(p.complaintPatterns[lang].patterns.length).toBeGreaterThan(0);
    }
  });

  it('rejects a protocol with a missing field and a bad disposition, naming the file and each field', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'protocols', 'broken.yaml'),
      [
        'id: broken',
        'source: test',
        'version: "1"',
        'complaint: {en: [x], es: [x], fr: [x], pt: [x], zh: [x], vi: [x]}',
        'questions: [{ref: age}]',
        'default: {disposition: soon, reason: {en: a, es: a, fr: a, pt: a, zh: a, vi: a}}',
      ].join('\n'),
    );
    const err = loadError(dir);
    expect(err.message).toContain('protocols/broken.yaml: reviewedBy');
    expect(err.message).toContain('protocols/broken.yaml: default.disposition');
  });

  it('rejects a question text missing a language', () => {
    const dir = tmp();
    const file = join(dir, 'questions.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n {6}vi: "Bạn bao nhiêu tuổi\?[^\n]*/, ''));
    expect(loadError(dir).message).toMatch(/questions\.yaml: questions\.0\.text\.vi/);
  });

  it('rejects a rule that uses a finding nothing can set', () => {
    const dir = tmp();
    const file = join(dir, 'protocols', 'headache.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('when: {all: [vision_blurred], none: [known_migraine]}', 'when: {all: [made_up_finding]}'));
    expect(loadError(dir).message).toContain('protocols/headache.yaml: rules.0.when: finding "made_up_finding"');
  });

  it('rejects emergency advice that does not name the emergency number', () => {
    const dir = tmp();
    const file = join(dir, 'red-flags.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('es: "Llame ahora al {{emergencyNumber}}."', 'es: "Llame ahora."'));
    expect(loadError(dir).message).toMatch(/red-flags\.yaml: redFlags\.\d+\.advice\.es: must contain \{\{emergencyNumber\}\}/);
  });

  it('reports invalid YAML with the file name', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'outcomes.yaml'), 'emergency: [unclosed');
    expect(loadError(dir).message).toContain('outcomes.yaml:');
  });
});
