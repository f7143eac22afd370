// A tiny element builder. Text always goes in as textContent, never as HTML: transcripts are
// patient-written and must not be able to inject markup into the console.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function announce(text) {
  const el = document.getElementById('announcer');
  el.textContent = '';
  // A fresh text node after a tick makes screen readers announce repeats too.
  setTimeout(() => { el.textContent = text; }, 50);
}

export function notice(text) {
  const el = document.getElementById('notice');
  el.textContent = text;
  el.hidden = !text;
}
