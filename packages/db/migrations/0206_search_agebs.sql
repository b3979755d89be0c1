-- Place search by AGEB key (apps/server/src/repositories/search.ts): the CVEGEO typed so far is a byte-wise prefix
-- range (~>=~ / ~<~), which only a pattern-ops btree answers (the primary key's btree follows the collation), and
-- the four-character AGEB code (012-3) is an equality on cve_ageb.
CREATE INDEX agebs_cvegeo_pattern ON carto.agebs (cvegeo varchar_pattern_ops);
CREATE INDEX agebs_cve_ageb ON carto.agebs (cve_ageb);
