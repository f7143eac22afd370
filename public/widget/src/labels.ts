// The widget's own words on its elements, kept so they can all be said again in another language
// the moment the patient picks one (the log's messages keep the language they were written in).
import type { Translate, UiKey } from './i18n';

type Vars = Record<string, string>;

export class Labels {
  private readonly bindings: Array<(t: Translate) => void> = [];

  constructor(private translate: Translate) {}

  get t(): Translate {
    return this.translate;
  }

  /** Sets the element's text now and after every change of language. */
  text<E extends Element>(el: E, key: UiKey, vars?: Vars): E {
    return this.bind(el, (t) => (el.textContent = t(key, vars)));
  }

  /** Sets an attribute (aria-label, placeholder...) now and after every change of language. */
  attr<E extends Element>(el: E, name: string, key: UiKey, vars?: Vars): E {
    return this.bind(el, (t) => el.setAttribute(name, t(key, vars)));
  }

  use(t: Translate): void {
    this.translate = t;
    for (const apply of this.bindings) apply(t);
  }

  private bind<E extends Element>(el: E, apply: (t: Translate) => void): E {
    apply(this.translate);
    this.bindings.push(apply);
    return el;
  }
}
