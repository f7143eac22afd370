// The printable view of a summary: a full-window page over the chat with the clinic's name, the
// summary's title, the date and the sections, in the summary's language, and a button that opens
// the browser's print dialog (where "Save as PDF" is one of the printers). It stays in the page
// (no pop-up to be blocked, no patient text in any URL); while it is open, a print stylesheet on
// the host page leaves only this view on paper.
import { h } from './dom';
import { translator } from './i18n';
import { summaryBody, type Summary } from './summary';

const HOST_PRINT_CSS = '@media print{body>:not(#clinic-chat-widget){display:none!important}}';

export class PrintView {
  private view?: HTMLElement;
  private returnFocus?: HTMLElement;
  private hostSheet?: CSSStyleSheet;

  constructor(
    private readonly root: HTMLElement,
    private readonly clinicName: string,
  ) {}

  get isOpen(): boolean {
    return Boolean(this.view);
  }

  open(summary: Summary, date: Date, returnFocus: HTMLElement): void {
    this.close();
    const t = translator(summary.lang);
    const print = h('button', { type: 'button', class: 'primary' }, t('printNow'));
    print.addEventListener('click', () => window.print());
    const back = h('button', { type: 'button' }, t('backToChat'));
    back.addEventListener('click', () => this.close());
    const when = new Intl.DateTimeFormat(summary.lang, { dateStyle: 'long' }).format(date);
    // The page says who and when once: the bot's title may already name the clinic and the date
    // (in its own format, so the year is what is looked for).
    const namesClinic = summary.title.includes(this.clinicName);
    const namesDate = summary.title.includes(String(date.getFullYear()));
    const view = h(
      'div',
      { class: 'print-view', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'clinic-print-title', lang: summary.lang },
      h('div', { class: 'print-tools' }, print, back),
      h(
        'article',
        {},
        namesClinic ? null : h('p', { class: 'print-clinic' }, this.clinicName),
        ...summaryBody(summary, { title: 'h1', heading: 'h2' }, 'clinic-print-title'),
        namesDate ? null : h('p', { class: 'print-date' }, `${t('date')}: ${when}`),
      ),
    );
    view.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation(); // closes this view, not the chat behind it
        this.close();
      } else if (e.key === 'Tab') {
        // A modal view keeps focus on its two buttons (forwards or backwards, it is the other one).
        e.preventDefault();
        const active = (view.getRootNode() as Document | ShadowRoot).activeElement;
        (active === print ? back : print).focus();
      }
    });
    this.view = view;
    this.returnFocus = returnFocus;
    this.root.append(view);
    this.addHostSheet();
    print.focus();
  }

  close(): void {
    if (!this.view) return;
    this.view.remove();
    this.view = undefined;
    this.removeHostSheet();
    this.returnFocus?.focus();
    this.returnFocus = undefined;
  }

  /** Constructed, so a host page's strict style-src CSP allows it; removed when the view closes. */
  private addHostSheet(): void {
    if (!('adoptedStyleSheets' in document) || typeof CSSStyleSheet !== 'function') return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(HOST_PRINT_CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    this.hostSheet = sheet;
  }

  private removeHostSheet(): void {
    const sheet = this.hostSheet;
    if (!sheet) return;
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    this.hostSheet = undefined;
  }
}
