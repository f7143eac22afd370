// Alerts for a new (or newly upgraded) emergency: a sound the nurse can switch off, the count of
// open emergencies in the tab title, and a browser notification when she has allowed them. They
// follow every open emergency whatever the queue's filters show: a filter must not hide one.
import { t } from './i18n.js';
import { complaintLabel } from './labels.js';

const SOUND_KEY = 'staff-console-sound';

export function createAlerts({ onOpen }) {
  let known = null;
  let openCount = 0;
  let audio = null;

  const soundOn = () => localStorage.getItem(SOUND_KEY) !== 'off';
  const setSound = (on) => localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');

  /** `emergencies`: the open emergency cases now. The first call only learns them: they are not new to the nurse. */
  function update(emergencies) {
    openCount = emergencies.length;
    refreshTitle();
    const ids = new Set(emergencies.map((c) => c.id));
    const fresh = known ? emergencies.filter((c) => !known.has(c.id)) : [];
    known = ids;
    if (fresh.length === 0) return;
    if (soundOn()) beep();
    for (const c of fresh) notify(c);
  }

  function refreshTitle() {
    document.title = openCount > 0 ? `(${openCount}) ${t('title')}` : t('title');
  }

  function beep() {
    try {
      audio ??= new AudioContext();
      void audio.resume();
      // Three short high tones: distinct from any system sound, short enough not to annoy.
      [0, 0.25, 0.5].forEach((at) => {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = 880;
        gain.gain.value = 0.2;
        osc.connect(gain).connect(audio.destination);
        osc.start(audio.currentTime + at);
        osc.stop(audio.currentTime + at + 0.15);
      });
    } catch {
      // No audio device: the title and the notification still say it.
    }
  }

  function notify(c) {
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    // Coarse, non-identifying words only: a notification can show on a locked screen.
    const n = new Notification(t('alerts.notificationTitle'), { body: complaintLabel(c.protocol), tag: c.id });
    n.onclick = () => { window.focus(); onOpen(c.id); n.close(); };
  }

  function reset() {
    known = null;
    openCount = 0;
    refreshTitle();
  }

  return { update, reset, refreshTitle, soundOn, setSound };
}
