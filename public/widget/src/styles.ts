// The widget's styles live in its shadow root, so the host page's CSS cannot break it and ours
// cannot leak out. Mobile first: full screen by default, a floating panel on wider screens.
// Logical properties (inset-inline-end, margin-inline-start) make right-to-left layouts free.
export const CSS = `
:host{all:initial}
.root{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1a1a1a}
*,*::before,*::after{box-sizing:border-box}
button,textarea,select{font:inherit}
button{cursor:pointer}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.launcher{position:fixed;inset-block-end:16px;inset-inline-end:16px;width:60px;height:60px;border-radius:50%;border:0;background:var(--c);color:var(--on);box-shadow:0 4px 14px rgba(0,0,0,.3);display:grid;place-items:center;z-index:2147483000}
.launcher svg{width:28px;height:28px}
.panel{position:fixed;inset:0;display:flex;flex-direction:column;background:#fff;z-index:2147483001}
.panel[hidden]{display:none}
@media (min-width:520px){.panel{inset:auto;inset-block-end:88px;inset-inline-end:16px;width:380px;height:min(640px,calc(100vh - 110px));border-radius:14px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden}}
.head{display:flex;flex-direction:column;gap:6px;padding:10px;padding-inline:16px 8px;background:var(--c);color:var(--on)}
.head .top,.head .tools{display:flex;align-items:center;gap:8px}
.head .tools{flex-wrap:wrap;padding-inline-end:8px}
.head h2{margin:0;font-size:16px;font-weight:600}
.head p{margin:0;font-size:12.5px}
.head .titles{flex:1;min-width:0}
.icon-btn{width:44px;height:44px;border:0;border-radius:8px;background:transparent;color:inherit;display:grid;place-items:center}
.head select,.head .tool{min-height:40px;padding:6px 10px;border-radius:8px;border:1px solid #1a1a1a;background:#fff;color:#1a1a1a;font-size:14px}
.head :focus-visible{outline-color:var(--on)}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;margin:0;list-style:none}
.msg{max-width:85%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}
.bot{align-self:flex-start;background:#eef0f2;border-end-start-radius:4px}
.user{align-self:flex-end;background:var(--c);color:var(--on);border-end-end-radius:4px}
.who{display:block;font-size:12px;font-weight:600;margin-block-end:2px}
.note{display:block;font-size:12px;margin-block-start:4px}
.failed{outline:2px solid #b00020}
.actions{display:flex;flex-wrap:wrap;gap:8px;align-self:flex-start;max-width:100%}
.actions button{min-height:44px;padding:8px 14px;border-radius:22px;border:2px solid var(--c);background:#fff;color:#1a1a1a}
.card{align-self:stretch;max-width:100%;border:2px solid #4a4a4a;border-radius:12px;padding:12px;background:#fff;white-space:pre-wrap;overflow-wrap:anywhere}
.card h3{margin:0 0 6px;font-size:16px}
.card p{margin:0}
.card-emergency{border-color:#b00020;background:#fdecee}
.card-emergency h3{color:#8c0019}
.card-urgent{border-color:#a84b00;background:#fff4e5}
.card-routine{border-color:#1d4f91}
.card-self_care{border-color:#0b6e4f}
.bot a,.card a:not(.call){color:#0a4a8c;text-decoration:underline}
.bot a[href^="tel:"],.card a[href^="tel:"],.print-view a[href^="tel:"]{white-space:nowrap}
.card-summary{border-color:#1d4f91;white-space:normal}
.card h4{margin:10px 0 4px;font-size:15px}
.card ul{margin:0;padding-inline-start:20px}
.print-btn,.confirm button,.print-tools button{min-height:44px;padding:8px 14px;border-radius:8px;border:2px solid #1a1a1a;background:#fff;color:#1a1a1a}
.print-btn{margin-block-start:10px}

.confirm p{margin:0 0 6px}
.confirm .row{display:flex;flex-wrap:wrap;gap:8px}
.print-view{position:fixed;inset:0;z-index:2147483002;overflow:auto;padding:16px;background:#fff;color:#1a1a1a}
.print-view article,.print-tools{max-width:720px;margin:0 auto}
.print-tools{display:flex;flex-wrap:wrap;gap:8px;margin-block-end:16px}
.print-view h1{margin:4px 0 8px;font-size:22px}
.print-view h2{margin:16px 0 4px;font-size:17px}
.print-view ul{margin:0;padding-inline-start:22px}
.print-view a{color:inherit}
.print-clinic,.print-date{margin:0;color:#333}
.print-date{margin-block-start:16px}
.status.confirm{background:#f2f4f6;border-color:#6b7075}
.root button.primary{background:#1a1a1a;color:#fff}
@media print{.root>:not(.print-view){display:none!important}.print-view{position:static;overflow:visible;padding:0}.print-tools{display:none}}
.call{display:block;margin-block-start:10px;padding:12px;border-radius:10px;background:#b00020;color:#fff;font-weight:700;font-size:17px;text-align:center;text-decoration:none}
.typing{padding:0 16px 6px;min-height:22px;font-size:13px;color:#444}
.dots span{display:inline-block;width:7px;height:7px;margin-inline-end:3px;border-radius:50%;background:#555;animation:b 1.2s infinite}
.dots span:nth-child(2){animation-delay:.2s}.dots span:nth-child(3){animation-delay:.4s}
@keyframes b{0%,80%,100%{opacity:.25}40%{opacity:1}}
@media (prefers-reduced-motion:reduce){.dots span{animation:none}}
.status{margin:0 12px 8px;padding:8px 12px;border-radius:8px;background:#fff4e5;border:1px solid #a84b00;font-size:13.5px}
.status[hidden]{display:none}
.status button,.ended button{margin-block-start:6px;min-height:40px;padding:6px 12px;border-radius:8px;border:2px solid #1a1a1a;background:#fff;color:#1a1a1a}
.composer{display:flex;gap:8px;padding:8px 12px 12px;border-block-start:1px solid #d0d4d8}
.composer textarea{flex:1;min-height:44px;max-height:120px;resize:none;padding:10px 12px;border:1px solid #6b7075;border-radius:10px;color:#1a1a1a;background:#fff}
.composer button{width:44px;height:44px;border:0;border-radius:10px;background:var(--c);color:var(--on);display:grid;place-items:center;align-self:flex-end}
[dir=rtl] .composer button svg{transform:scaleX(-1)}
`;
