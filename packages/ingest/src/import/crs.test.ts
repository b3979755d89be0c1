import { describe, expect, it } from 'vitest';
import { sridFromGeoJsonCrs, sridFromProj4 } from './crs.ts';

describe('crs', () => {
  it('recognises INEGI LCC ITRF2008 without an EPSG code', () => {
    expect(sridFromProj4('+proj=lcc +lat_0=12 +lon_0=-102 +lat_1=17.5 +lat_2=29.5 +x_0=2500000 +y_0=0 +ellps=GRS80 +units=m +no_defs')).toBe(6372);
  });
  it('recognises geographic systems and refuses others', () => {
    expect(sridFromProj4('+proj=longlat +datum=WGS84 +no_defs')).toBe(4326);
    expect(sridFromProj4('+proj=longlat +ellps=GRS80 +no_defs')).toBe(6365);
    expect(sridFromProj4('+proj=utm +zone=12 +ellps=GRS80 +units=m +no_defs')).toBe(6367);
    expect(sridFromProj4('+proj=lcc +lat_0=10 +lon_0=-100 +lat_1=17.5 +lat_2=29.5 +x_0=0 +y_0=0 +ellps=GRS80')).toBeNull();
    expect(sridFromProj4('')).toBeNull();
  });
  it('reads the old GeoJSON crs member, also inside a geometry', () => {
    expect(sridFromGeoJsonCrs('{"geometry":{"type":"MultiPolygon","crs":{"type":"name","properties":{"name":"EPSG:6365"}}}')).toBe(6365);
    expect(sridFromGeoJsonCrs('"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } }')).toBe(4326);
    expect(sridFromGeoJsonCrs('"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32612"}}')).toBe(32612);
    expect(sridFromGeoJsonCrs('{"type":"FeatureCollection"}')).toBeUndefined();
  });
});
