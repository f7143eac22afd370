// What the embedding page tells the widget, through the script tag's data attributes:
//   <script src="https://clinic.example/widget.js" async
//           data-clinic-name="Riverside Family Clinic" data-color="#0b6e4f" data-lang="es"></script>
// The service address is where the script came from, so one tag is all a site needs.
import { isRtl } from './i18n';

export interface WidgetConfig {
  /** Base URL of the Direct Line API, e.g. https://clinic.example/v3/directline */
  domain: string;
  clinicName: string;
  color: string;
  /** Text colour readable on `color`. */
  onColor: string;
  /** Two-letter language of the widget's own labels. */
  lang: string;
  /** Sent as the activity locale only when the site chose the language explicitly. */
  forcedLocale?: string;
  dir: 'ltr' | 'rtl';
  /** Open the panel on load (e.g. a dedicated "chat" page). */
  open: boolean;
}

const DEFAULT_COLOR = '#0b6e4f';

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // currentScript is null when the loader inserted us in an unusual way: find our tag by name.
  return document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
}

function relativeLuminance(hex: string): number {
  const n = hex.length === 4 ? hex.slice(1).split('').map((c) => c + c).join('') : hex.slice(1, 7);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(n.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White or near-black, whichever contrasts more with the clinic's colour (WCAG contrast ratio). */
export function readableOn(hex: string): string {
  const l = relativeLuminance(hex);
  return (1.05) / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#111111';
}

function language(attr: string | undefined): string {
  const raw = attr || document.documentElement.lang || navigator.language || 'en';
  return raw.slice(0, 2).toLowerCase();
}

export function readConfig(): WidgetConfig {
  const script = findScript();
  const data = script?.dataset ?? {};
  const origin = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const color = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.color ?? '') ? data.color! : DEFAULT_COLOR;
  const lang = language(data.lang);
  const pageDir = document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr';
  return {
    domain: `${(data.domain || origin).replace(/\/+$/, '')}/v3/directline`,
    clinicName: (data.clinicName || document.title || 'Clinic').slice(0, 80),
    color,
    onColor: readableOn(color),
    lang,
    forcedLocale: data.lang || undefined,
    dir: data.dir === 'rtl' || data.dir === 'ltr' ? data.dir : isRtl(lang) ? 'rtl' : pageDir,
    open: data.open === 'true',
  };
}
