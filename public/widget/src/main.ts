// Entry point of /widget.js: one script tag, no framework, no globals besides a load guard.
import { readConfig } from './config';
import { ChatWidget } from './widget';

declare global {
  interface Window {
    __clinicChatWidget?: ChatWidget;
  }
}

// Read the script tag now: document.currentScript is only set while this script first runs.
const config = readConfig();

function boot(): void {
  if (window.__clinicChatWidget) return; // the tag was included twice
  const widget = new ChatWidget(config);
  window.__clinicChatWidget = widget;
  widget.mount();
}

if (document.body) boot();
else document.addEventListener('DOMContentLoaded', boot, { once: true });
