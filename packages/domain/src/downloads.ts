// Downloads of a collection in planners' formats (`f=` on the OGC items route): the formats, their files, and the
// Shapefile field names (dBASE allows 10 characters), written once for the server, the page and docs/DOWNLOADS.md.
import type { LayerDefinition } from './layers.ts';

export const DOWNLOAD_FORMATS = ['geojson', 'csv', 'gpkg', 'shp', 'kml'] as const;
export type DownloadFormat = typeof DOWNLOAD_FORMATS[number];

/** File extension, media type and the name people know each format by. */
export const DOWNLOAD_FILES: Record<DownloadFormat, { ext: string; type: string; label: string }> = {
  geojson: { ext: 'geojson', type: 'application/geo+json', label: 'GeoJSON' },
  csv: { ext: 'csv', type: 'text/csv; charset=utf-8', label: 'CSV' },
  gpkg: { ext: 'gpkg', type: 'application/geopackage+sqlite3', label: 'GeoPackage' },
  shp: { ext: 'zip', type: 'application/zip', label: 'Shapefile' },
  kml: { ext: 'kml', type: 'application/vnd.google-earth.kml+xml', label: 'KML' },
};

/** Most features one download may hold by default (DOWNLOAD_MAX_FEATURES); more answer 400 naming `limit`. */
export const DOWNLOAD_DEFAULT_MAX_FEATURES = 200_000;

/** Whether an `f` value is a file download (as opposed to `json`, the paged GeoJSON of OGC API clients). */
export function isDownloadFormat(f: unknown): f is DownloadFormat {
  return typeof f === 'string' && (DOWNLOAD_FORMATS as readonly string[]).includes(f);
}

/** `{capa}_{fecha}.{ext}`: the collection id and the day (YYYY-MM-DD, UTC) of the download. */
export function downloadFileName(layerId: string, format: DownloadFormat, at: Date = new Date()): string {
  return `${layerId}_${at.toISOString().slice(0, 10)}.${DOWNLOAD_FILES[format].ext}`;
}

const DBF_MAX = 10;

/** Shortens one name to 10 characters by trimming its longest underscore-separated part, one letter at a time. */
function shorten(name: string): string {
  const parts = name.split('_').filter(Boolean);
  const length = () => parts.reduce((n, p) => n + p.length, 0) + parts.length - 1;
  while (length() > DBF_MAX) {
    let longest = 0;
    parts.forEach((p, i) => { if (p.length > parts[longest].length) longest = i; });
    if (parts[longest].length === 1) return parts.join('').slice(0, DBF_MAX);
    parts[longest] = parts[longest].slice(0, -1);
  }
  return parts.join('_');
}

/**
 * The Shapefile field name of each property of a layer (names of 10 characters or fewer are kept; longer ones lose
 * letters from their longest word; a clash gets a numeric suffix), in property order. docs/DOWNLOADS.md lists them.
 */
export function shapefileFieldNames(layer: Pick<LayerDefinition, 'properties'>): Array<{ name: string; field: string }> {
  const used = new Set<string>();
  return layer.properties.map((p) => {
    let field = p.name.length <= DBF_MAX ? p.name : shorten(p.name);
    for (let n = 2; used.has(field.toLowerCase()); n++) field = `${field.slice(0, DBF_MAX - String(n).length - 1)}_${n}`;
    used.add(field.toLowerCase());
    return { name: p.name, field };
  });
}
