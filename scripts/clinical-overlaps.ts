// `npm run clinical:overlaps`: complaint phrases two protocols claim (decided by priority alone), for a
// clinical reviewer. Exit code 1 when a phrase is written, word for word, in two protocols.
import { loadClinicalContent } from '../src/triage/content';
import { complaintOverlaps } from '../src/triage/overlaps';

const overlaps = complaintOverlaps(loadClinicalContent());
for (const o of overlaps) process.stdout.write(`${o.duplicate ? 'DUPLICATE ' : ''}[${o.lang}] "${o.phrase}" (${o.owner}) also matched by: ${o.alsoClaimedBy.join(', ')}\n`);
process.stdout.write(`${overlaps.length} phrases claimed by more than one protocol, ${overlaps.filter((o) => o.duplicate).length} written twice\n`);
process.exit(overlaps.some((o) => o.duplicate) ? 1 : 0);
