// The MapServer peer's mapfiles, generated from the layer catalog so that MapServer reads the same relations,
// columns, filters, simplification, clustering and zoom bands as our tile SQL (packages/tiles/src/mvt-sql.ts).
// One MapServer LAYER per catalog layer and zoom, each limited to that zoom's scale: the pixel size of the zoom
// is a literal in its SQL, as $1 makes it in ours. MapServer adds the geometry filter through !BOX!.
import { labelPointsLayerId, TILESETS, findLayer, type LayerDefinition, type LayerProperty } from '@sigmun/domain/layers';
import { MVT_BUFFER, MVT_EXTENT, filterSql, generalisationAt, layerVisibleAt, propertyList, qualified } from '@sigmun/tiles/mvt-sql';
import pg from 'pg';

const WORLD = 20037508.342789244;
/** Metres per pixel of a 256 px tile at zoom z. */
const pixelAt = (z: number) => (2 * WORLD) / (256 * 2 ** z);
/** MapServer's scale denominator of a 256 px tile at zoom z (72 dpi, metres). */
export const scaleAt = (z: number) => (pixelAt(z) * 72) / 0.0254;

const id = (s: string) => pg.escapeIdentifier(s);
/** A mapfile string literal (double quotes; the SQL inside uses single quotes and escaped identifiers). */
const str = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** gml_*_type so that MVT values are typed as ours are (integers as integers, numbers as doubles). */
function itemTypes(props: ReadonlyArray<Pick<LayerProperty, 'name' | 'type'>>): string[] {
  const t: Record<string, string> = { integer: 'Integer', number: 'Real', boolean: 'Boolean' };
  return props.filter((p) => t[p.type]).map((p) => `      "gml_${p.name}_type" "${t[p.type]}"`);
}

/** The DATA subquery of a catalog layer at zoom z, with !BOX! where our SQL has the tile envelope. */
export function layerData(layer: LayerDefinition, z: number): string {
  const gen = generalisationAt(layer, z);
  const rel = qualified(gen?.relation ?? layer.source.relation);
  const g = `t.${id(layer.source.geometryColumn)}`;
  const key = `t.${id(layer.source.keyColumn)}`;
  const px = pixelAt(z);
  const where = [`${g} && !BOX!`, ...(layer.filters ?? []).map((f) => filterSql(f)), ...(gen?.where ?? []).map((f) => filterSql(f))];
  if (gen?.minAreaPx && layer.geometry === 'polygon') where.push(`ST_Area(${g}) >= ${gen.minAreaPx * px * px}`);
  if (gen?.minLengthPx && layer.geometry === 'line') where.push(`ST_Length(${g}) >= ${gen.minLengthPx * px}`);
  const simplified = gen?.simplifyPx ? `ST_Simplify(${g}, ${gen.simplifyPx * px}, true)` : g;
  const k = id(layer.source.keyColumn);
  let sub: string;
  if (layer.cluster && z <= layer.cluster.maxzoom) {
    const cell = layer.cluster.radiusPx * px;
    const rest = where.slice(1);
    sub = `SELECT c.k AS ${k}, CASE WHEN c.n > 1 THEN c.n END AS point_count, ${propertyList(layer, 't').replace(new RegExp(`t\\.${k} AS ${k}, ?`), '')}, CASE WHEN c.n = 1 THEN ${simplified} ELSE c.p END AS geom FROM (SELECT count(*)::int AS n, min(pt.k) AS k, ST_Centroid(ST_Collect(pt.p)) AS p FROM (SELECT ${key} AS k, ST_PointOnSurface(${g}) AS p FROM ${rel} t WHERE ${[`${g} && ST_Expand(!BOX!, ${cell})`, ...rest].join(' AND ')}) pt GROUP BY ST_SnapToGrid(pt.p, ${cell})) c LEFT JOIN ${rel} t ON c.n = 1 AND ${key} = c.k WHERE c.p && !BOX! ORDER BY c.k`;
  } else {
    sub = `SELECT ${propertyList(layer, 't')}, ${simplified} AS geom FROM ${rel} t WHERE ${where.join(' AND ')} ORDER BY ${key}`;
  }
  return `geom FROM (${sub}) AS sub USING UNIQUE ${layer.source.keyColumn} USING SRID=3857`;
}

function connection(url: string): string {
  const u = new URL(url);
  const parts: Record<string, string> = { dbname: decodeURIComponent(u.pathname.slice(1)) };
  const host = u.searchParams.get('host') ?? (u.hostname ? decodeURIComponent(u.hostname) : '');
  if (host) parts.host = host;
  if (u.port) parts.port = u.port;
  if (u.username) parts.user = decodeURIComponent(u.username);
  if (u.password) parts.password = decodeURIComponent(u.password);
  parts.application_name = 'bench-mapserver';
  return Object.entries(parts).map(([k, v]) => `${k}='${v.replace(/'/g, "\\'")}'`).join(' ');
}

const TYPE = { polygon: 'POLYGON', line: 'LINE', point: 'POINT', mixed: null } as const;

function header(name: string, extra: string[] = []): string[] {
  return [
    'MAP',
    `  NAME ${str(name)}`,
    '  EXTENT -20037508.342789244 -20037508.342789244 20037508.342789244 20037508.342789244',
    '  SIZE 256 256',
    '  UNITS METERS',
    '  PROJECTION "init=epsg:3857" END',
    '  OUTPUTFORMAT',
    '    NAME "mvt"',
    '    DRIVER MVT',
    `    FORMATOPTION "EXTENT=${MVT_EXTENT}"`,
    // EDGE_BUFFER is in 256 px tile pixels (MapServer multiplies it by 16 for a 4096 extent): ours is 64 units.
    `    FORMATOPTION "EDGE_BUFFER=${Math.round((MVT_BUFFER * 256) / MVT_EXTENT)}"`,
    '  END',
    '  OUTPUTFORMAT',
    '    NAME "geojson"',
    '    DRIVER "OGR/GEOJSON"',
    '    MIMETYPE "application/json; subtype=geojson"',
    '    FORMATOPTION "STORAGE=memory"',
    '    FORMATOPTION "FORM=SIMPLE"',
    '  END',
    ...extra,
  ];
}

/**
 * The tile mapfile: every layer of the tileset, one LAYER per visible zoom in [minZoom, maxZoom] named as the
 * catalog names it (so the MVT layer names match ours), plus the label-point layers our polygons carry.
 */
export function tilesMapfile(opts: { databaseUrl: string; tileset: string; minZoom: number; maxZoom: number }): string {
  const layers = TILESETS[opts.tileset].layers.map((l) => findLayer(l)!);
  const out = header('sigmun_tiles', ['  WEB METADATA "ows_enable_request" "*" END END']);
  const conn = connection(opts.databaseUrl);
  for (const layer of layers) {
    const type = TYPE[layer.geometry];
    if (!type) continue;
    for (let z = opts.minZoom; z <= opts.maxZoom; z++) {
      if (!layerVisibleAt(layer, z)) continue;
      const props = [...layer.properties, ...(layer.cluster && z <= layer.cluster.maxzoom ? [{ name: 'point_count', type: 'integer' as const }] : [])];
      out.push(...layerBlock(layer.id, layer.id, type, conn, layerData(layer, z), z, props));
      if (layer.style.labelPoints && layer.geometry === 'polygon') {
        const g = `t.${id(layer.source.geometryColumn)}`;
        const data = `geom FROM (SELECT ${propertyList(layer, 't')}, ST_PointOnSurface(${g}) AS geom FROM ${qualified(layer.source.relation)} t WHERE ${g} && !BOX! ORDER BY t.${id(layer.source.keyColumn)}) AS sub USING UNIQUE ${layer.source.keyColumn} USING SRID=3857`;
        out.push(...layerBlock(labelPointsLayerId(layer.id), layer.id, 'POINT', conn, data, z, layer.properties));
      }
    }
  }
  out.push('END', '');
  return out.join('\n');
}

/** The lines of a LAYER that read `data` from PostGIS over `conn` (tile and feature layers alike). */
function postgisData(conn: string, data: string): string[] {
  return [
    '    STATUS ON',
    '    CONNECTIONTYPE POSTGIS',
    `    CONNECTION ${str(conn)}`,
    '    PROCESSING "CLOSE_CONNECTION=DEFER"',
    `    DATA ${str(data)}`,
  ];
}

function layerBlock(name: string, group: string, type: string, conn: string, data: string, z: number, props: ReadonlyArray<Pick<LayerProperty, 'name' | 'type'>>): string[] {
  return [
    '  LAYER',
    `    NAME ${str(name)}`,
    `    GROUP ${str(group)}`,
    `    TYPE ${type}`,
    ...postgisData(conn, data),
    `    MINSCALEDENOM ${(scaleAt(z) / Math.SQRT2).toFixed(3)}`,
    `    MAXSCALEDENOM ${(scaleAt(z) * Math.SQRT2).toFixed(3)}`,
    '    PROJECTION "init=epsg:3857" END',
    '    METADATA',
    '      "gml_include_items" "all"',
    ...itemTypes(props),
    '    END',
    '  END',
  ];
}

/** The features mapfile: one full-detail layer per catalog layer of the tileset, served by OGC API Features and WFS. */
export function featuresMapfile(opts: { databaseUrl: string; tileset: string; onlineResource: string; maxLimit: number }): string {
  const layers = TILESETS[opts.tileset].layers.map((l) => findLayer(l)!);
  const conn = connection(opts.databaseUrl);
  const out = header('sigmun_ogc', [
    '  WEB',
    '    METADATA',
    '      "ows_enable_request" "*"',
    '      "oga_enable_request" "*"',
    '      "ows_title" "SIG Municipal (MapServer peer)"',
    `      "ows_onlineresource" ${str(opts.onlineResource)}`,
    `      "oga_onlineresource" ${str(`${opts.onlineResource}/ogcapi`)}`,
    '      "ows_srs" "EPSG:3857 EPSG:4326"',
    `      "oga_max_limit" "${opts.maxLimit}"`,
    '      "wfs_getfeature_formatlist" "geojson"',
    '    END',
    '  END',
  ]);
  for (const layer of layers) {
    const type = TYPE[layer.geometry];
    if (!type) continue;
    const data = `geom FROM (SELECT ${propertyList(layer, 't')}, t.${id(layer.source.geometryColumn)} AS geom FROM ${qualified(layer.source.relation)} t) AS sub USING UNIQUE ${layer.source.keyColumn} USING SRID=3857`;
    out.push(
      '  LAYER',
      `    NAME ${str(layer.id)}`,
      `    TYPE ${type}`,
      ...postgisData(conn, data),
      // A layer is queryable (so OGC API and WFS offer it) only with a TEMPLATE; the value is never used.
      '    TEMPLATE "ttt"',
      // A fixed extent spares MapServer an extent query over the whole table when it describes the collection.
      '    EXTENT -20037508.342789244 -20037508.342789244 20037508.342789244 20037508.342789244',
      '    PROJECTION "init=epsg:3857" END',
      '    METADATA',
      `      "ows_title" ${str(layer.titulo)}`,
      '      "gml_include_items" "all"',
      `      "gml_featureid" ${str(layer.source.keyColumn)}`,
      '      "ows_srs" "EPSG:3857 EPSG:4326"',
      ...itemTypes(layer.properties),
      '    END',
      '  END',
    );
  }
  out.push('END', '');
  return out.join('\n');
}
