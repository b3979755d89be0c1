// A tiny element builder for the print page: text always goes in as text nodes, never as HTML.

type Child = Node | string | number | null | undefined | false;

/** Creates `<tag>` with attributes (class, style, data-*, …) and children (strings become text nodes). */
export function el(tag: string, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return e;
}
