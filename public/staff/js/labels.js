// Clinical ids in the staff's words: findings, complaints (protocols) and age bands come from
// locales/<lang>/staff.json. An id with no label yet is turned into words ("stiff_neck" → "Stiff
// neck"), never shown raw.
import { t } from './i18n.js';

export function words(id) {
  const text = String(id).replace(/^redflag\./, '').replace(/[._]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function labelled(key, id) {
  const text = t(key);
  return text === key ? words(id) : text;
}

export const findingLabel = (id) => labelled(`findingLabels.${id}`, id);
export const complaintLabel = (protocol) => labelled(`complaints.${protocol}`, protocol);
export const ageBandLabel = (band) => (band ? labelled(`ageBands.${band}`, band) : null);
