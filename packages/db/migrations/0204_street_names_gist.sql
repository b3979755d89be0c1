-- Every stored geometry gets a GiST index, the street-name gazetteer included (map extent of a searched street).
CREATE INDEX IF NOT EXISTS vialidades_nombres_geom_gix ON carto.vialidades_nombres USING gist (geom);
