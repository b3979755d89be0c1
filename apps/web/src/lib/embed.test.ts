import { describe, expect, it } from 'vitest';
import { embedHash, embedSnippet } from './embed.ts';

describe('embed snippet', () => {
  it('frames /embed with the view, layers and indicator of the hash, without the panel, escaped for HTML', () => {
    expect(embedHash('#v=14/29.1/-110.9&panel=capas&l=colonias~0.6')).toBe('v=14/29.1/-110.9&l=colonias~0.6');
    expect(embedSnippet('https://sig.example.mx', '#v=14/29.1/-110.9&i=pob:colonia:2020:quantile:5:value&panel=indicadores', 'Mapa "SIG"')).toBe(
      '<iframe src="https://sig.example.mx/embed#v=14/29.1/-110.9&amp;i=pob:colonia:2020:quantile:5:value" title="Mapa &quot;SIG&quot;" width="800" height="600" style="border:0" loading="lazy" allowfullscreen></iframe>',
    );
    expect(embedSnippet('http://localhost:8080', '', 'Mapa')).toContain('src="http://localhost:8080/embed"');
  });
});
