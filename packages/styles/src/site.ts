// The colours and the stylesheet of the IMPLAN's server-rendered pages (home, sections, catalog): the same brand
// colours as the map page (apps/web/src/styles.css), written once here. Phone first: one column, wider from 720 px.

/** Colours of the site pages; text on each background meets WCAG AA (4.5:1). */
export const SITE_COLORS = {
  ink: '#1b1b1b',
  muted: '#555555',
  brand: '#0b4f6c',
  brandText: '#ffffff',
  accent: '#b04a00',
  bg: '#ffffff',
  panel: '#f4f6f7',
  line: '#d6d6d6',
  focus: '#005fcc',
  demo: '#ffd166',
  demoText: '#3d2c00',
  link: '#0b4f6c',
} as const;

/** The site stylesheet (pure: the same text for the same colours, so its URL can carry a content hash). */
export function siteCss(c: typeof SITE_COLORS = SITE_COLORS): string {
  return `:root{--ink:${c.ink};--muted:${c.muted};--brand:${c.brand};--accent:${c.accent};--bg:${c.bg};--panel:${c.panel};--line:${c.line};--focus:${c.focus};
font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--ink);background:var(--bg);font-size:16px;line-height:1.5}
*{box-sizing:border-box}body{margin:0}
a{color:${c.link}}a:hover{color:${c.accent}}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:8px;z-index:10}.skip:focus{left:8px}
.site-header{background:var(--brand);color:${c.brandText}}
.site-header a{color:${c.brandText}}
.bar{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:8px 12px;max-width:1100px;margin:0 auto}
.brand{font-weight:700;text-decoration:none;font-size:1.1rem;display:flex;flex-direction:column;line-height:1.2}
.brand small{font-weight:400;font-size:.8rem}
.lang{border:1px solid ${c.brandText};border-radius:6px;padding:4px 10px;text-decoration:none;white-space:nowrap}
.demo{background:${c.demo};color:${c.demoText};font-size:.85rem;padding:2px 12px;text-align:center}
.site-nav ul{list-style:none;margin:0 auto;padding:0 8px 6px;display:flex;gap:2px;overflow-x:auto;max-width:1100px}
.site-nav a{display:block;padding:10px 10px;white-space:nowrap;text-decoration:none;border-bottom:3px solid transparent;min-height:44px}
.site-nav a[aria-current=page]{border-bottom-color:${c.demo};font-weight:600}
main{max-width:1100px;margin:0 auto;padding:12px 16px 32px}
h1{font-size:1.6rem;line-height:1.25;margin:.6em 0 .4em;color:var(--brand)}
h2{font-size:1.25rem;margin:1.4em 0 .5em}h3{font-size:1.05rem;margin:1.2em 0 .4em}
.lead{font-size:1.1rem;color:var(--muted)}
.cards{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:1fr;gap:12px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card h2,.card h3{margin-top:0}
.card a.more{font-weight:600}
.figure{font-size:1.6rem;font-weight:700;color:var(--brand)}
.button{display:inline-block;background:var(--brand);color:${c.brandText};padding:10px 16px;border-radius:6px;text-decoration:none;font-weight:600;min-height:44px}
.button:hover{color:${c.brandText};background:${c.ink}}
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
.table-wrap{overflow-x:auto}
.muted{color:var(--muted)}.small{font-size:.875rem}
.org ul{list-style:none;padding-left:18px;border-left:2px solid var(--line);margin:6px 0}
.org>ul{padding-left:0;border-left:0}
.org li{margin:6px 0}.org .unit{display:inline-block;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:6px 10px}
.org .unit strong{display:block}
form.filters{display:grid;grid-template-columns:1fr;gap:8px;background:var(--panel);padding:12px;border-radius:8px;border:1px solid var(--line)}
label{display:block;font-weight:600;font-size:.9rem}
input,select,textarea,button{font:inherit;min-height:44px}
input,select,textarea{width:100%;padding:6px 8px;border:1px solid #767676;border-radius:4px;background:#fff;color:var(--ink)}
textarea{min-height:16em;font-family:ui-monospace,monospace;font-size:.9rem}
button{background:var(--brand);color:${c.brandText};border:0;border-radius:6px;padding:8px 14px;cursor:pointer}
button.secondary{background:#fff;color:var(--brand);border:1px solid var(--brand)}
.prose img{max-width:100%}
.chip{display:inline-block;border-radius:10px;padding:0 8px;background:var(--panel);border:1px solid var(--line);font-size:.85rem}
.notice{border-left:4px solid var(--accent);background:var(--panel);padding:8px 12px}
.site-footer{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
.site-footer div{max-width:1100px;margin:0 auto;padding:16px}
/* The site editor (/editar): form fields stacked, the preview beside the text on wide screens. */
.editor-form label{margin-top:10px}.editor-form table input,.editor-form table select{min-width:9em}
.editor-split{display:grid;grid-template-columns:1fr;gap:12px}
.edit-links{font-size:.95rem}.editor-bar button{min-height:32px;padding:2px 10px}
#editor-status.error{color:${c.accent};font-weight:600}
@media (min-width:1000px){.editor-split{grid-template-columns:1fr 1fr}}
@media (min-width:720px){
.cards{grid-template-columns:repeat(2,1fr)}
form.filters{grid-template-columns:repeat(3,1fr);align-items:end}
.site-nav ul{flex-wrap:wrap}
h1{font-size:2rem}
}
@media (min-width:1000px){.cards{grid-template-columns:repeat(3,1fr)}}
`;
}
