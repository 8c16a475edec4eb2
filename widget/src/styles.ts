/**
 * The widget's styles, all inside its shadow root: nothing reaches the page, and the page's styles stop
 * at the host element (`all: initial`, and every inherited property set again on the root).
 * --mf-accent is the business's colour, --mf-on-accent white or black (whichever reads better on it),
 * --mf-ring the accent darkened until it shows on white (focus rings).
 */
export const css = `
:host{all:initial!important;display:block!important}
*,*::before,*::after{box-sizing:border-box}
.mf{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1c1c1e;letter-spacing:normal;text-align:left;-webkit-font-smoothing:antialiased}
[hidden]{display:none!important}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
button{font:inherit;color:inherit;cursor:pointer;margin:0}
button:focus-visible,textarea:focus-visible,.log:focus-visible,a:focus-visible{outline:3px solid var(--mf-ring);outline-offset:2px}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border:0;border-radius:50%;background:var(--mf-accent);color:var(--mf-on-accent);display:grid;place-items:center;box-shadow:0 6px 20px rgba(0,0,0,.22);transition:transform .15s}
.launcher:hover{transform:scale(1.06)}
.launcher svg{width:28px;height:28px}
.panel{position:fixed;right:20px;bottom:92px;z-index:2147483000;width:380px;height:min(620px,calc(100vh - 112px));display:flex;flex-direction:column;background:#fff;border-radius:16px;overflow:hidden;box-shadow:0 12px 40px rgba(0,0,0,.24);border:1px solid rgba(0,0,0,.08)}
.page .panel{position:fixed;inset:0;width:auto;height:auto;border-radius:0;border:0;box-shadow:none}
.head{display:flex;align-items:center;gap:12px;padding:14px 16px;background:var(--mf-accent);color:var(--mf-on-accent)}
.page .head,.page .log,.page .composer,.page .rate,.page .error,.page .status,.page .count,.page .foot{padding-left:max(16px,calc((100% - 728px)/2));padding-right:max(16px,calc((100% - 728px)/2))}
.logo{width:40px;height:40px;border-radius:50%;object-fit:cover;background:#fff;flex:none}
.title{flex:1;min-width:0}
.title h1,.title h2{margin:0;font-size:17px;font-weight:650;line-height:1.25;overflow-wrap:break-word}
.title p{margin:2px 0 0;font-size:13px;opacity:.92}
.foot{display:flex;justify-content:flex-end;padding:0 12px 6px;background:#fff}
.lang{font:inherit;font-size:12px;color:#45454c;background:transparent;border:0;border-radius:6px;padding:2px 4px;margin:0;cursor:pointer}
.lang:hover{color:#1c1c1e}
.lang:focus-visible{outline:3px solid var(--mf-ring);outline-offset:1px}
.close{flex:none;width:40px;height:40px;border:0;border-radius:50%;background:transparent;color:inherit;display:grid;place-items:center}
.close:hover{background:rgba(127,127,127,.25)}
.close:focus-visible{outline-color:var(--mf-on-accent)}
.close svg{width:22px;height:22px}
.log{flex:1;min-height:0;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:10px;background:#f7f7f8;overscroll-behavior:contain}
.msg{max-width:85%;padding:9px 13px;border-radius:16px;white-space:pre-wrap;overflow-wrap:anywhere}
.msg p{margin:0}
.agent,.person{align-self:flex-start;background:#fff;border:1px solid #e3e3e6;border-bottom-left-radius:4px}
.customer{align-self:flex-end;background:var(--mf-accent);color:var(--mf-on-accent);border-bottom-right-radius:4px}
.customer a{color:inherit}
.agent a,.person a{color:#0b57d0}
.system{align-self:center;max-width:95%;background:transparent;color:#55555c;font-size:13px;text-align:center}
.note{align-self:stretch;max-width:none;background:#fff7e0;border:1px solid #f0d48a;color:#4a3b00;font-size:14px}
.dots{display:inline-flex;gap:4px;padding:4px 0}
.dots i{width:7px;height:7px;border-radius:50%;background:#8a8a92;animation:mf-b 1.2s infinite ease-in-out}
.dots i:nth-child(2){animation-delay:.15s}.dots i:nth-child(3){animation-delay:.3s}
@keyframes mf-b{0%,80%,100%{opacity:.3;transform:translateY(0)}40%{opacity:1;transform:translateY(-3px)}}
.rate{display:flex;align-items:center;justify-content:center;gap:8px;padding:6px 16px;font-size:13px;color:#45454c;border-top:1px solid #ececef;background:#fff}
.rate button{width:34px;height:34px;border:1px solid #d4d4d9;border-radius:50%;background:#fff;display:grid;place-items:center}
.rate button:hover{background:#f1f1f3}
.rate svg{width:17px;height:17px}
.error{margin:0;padding:8px 16px;background:#fdecea;color:#a4161a;font-size:14px;border-top:1px solid #f5c2c0}
.status{margin:0;padding:6px 16px;font-size:13px;color:#45454c;background:#fff}
.status:empty{padding:0}
.composer{display:flex;align-items:flex-end;gap:8px;padding:10px 12px;border-top:1px solid #e3e3e6;background:#fff}
.composer textarea{flex:1;min-width:0;resize:none;border:1px solid #b9b9c0;border-radius:12px;padding:9px 12px;font:inherit;color:#1c1c1e;background:#fff;max-height:140px;line-height:1.4;margin:0}
.composer textarea::placeholder{color:#6b6b73;opacity:1}
.composer textarea:focus-visible{outline-offset:0;border-color:var(--mf-ring)}
.icon{flex:none;width:42px;height:42px;border:0;border-radius:50%;display:grid;place-items:center}
.icon svg{width:20px;height:20px;pointer-events:none}
.send{background:var(--mf-accent);color:var(--mf-on-accent)}
.send[aria-disabled=true]{opacity:.55;cursor:default}
.mic{background:#efeff2;color:#1c1c1e;touch-action:none;user-select:none;-webkit-user-select:none;-webkit-touch-callout:none}
.mic.on{background:#c62828;color:#fff;animation:mf-p 1.2s infinite}
@keyframes mf-p{50%{box-shadow:0 0 0 6px rgba(198,40,40,.25)}}
.count{margin:0;padding:0 16px 8px;font-size:12px;color:#55555c;background:#fff;text-align:right}
.count.over{color:#a4161a}
@media (max-width:480px){.bubble .panel{inset:0;width:auto;height:auto;border-radius:0;border:0}.opened .launcher{display:none}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;
