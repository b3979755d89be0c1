-- Extensions and bookkeeping shared by every domain.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
-- pgRouting is optional: the isochrone endpoint answers 501 when it is missing.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting') THEN
    CREATE EXTENSION IF NOT EXISTS pgrouting;
  END IF;
END $$;
-- pg_stat_statements only loads when preloaded (the embedded cluster does); benchmarks use it to count executions.
DO $$
BEGIN
  IF current_setting('shared_preload_libraries', true) LIKE '%pg_stat_statements%' THEN
    CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
  END IF;
END $$;

CREATE SCHEMA IF NOT EXISTS meta;
CREATE SCHEMA IF NOT EXISTS carto;
CREATE SCHEMA IF NOT EXISTS stats;
CREATE SCHEMA IF NOT EXISTS plan;
CREATE SCHEMA IF NOT EXISTS partic;

-- unaccent() is STABLE, so it cannot back an index; this wrapper pins the dictionary and is IMMUTABLE.
CREATE OR REPLACE FUNCTION meta.f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- What is loaded: 'demo' (generated, fictional) or 'real' (imported), with its source and date for the UI.
CREATE TABLE meta.datasets (
  id          text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('demo', 'real')),
  nombre      text NOT NULL,
  fuente      text NOT NULL,
  fecha       date NOT NULL,
  detalles    jsonb NOT NULL DEFAULT '{}'::jsonb,
  loaded_at   timestamptz NOT NULL DEFAULT now()
);

-- One version per layer; bumped by every write so that caches keyed by it are never stale.
CREATE TABLE meta.layer_versions (
  layer       text PRIMARY KEY,
  version     bigint NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE FUNCTION meta.bump_layer_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  l text;
BEGIN
  FOREACH l IN ARRAY TG_ARGV LOOP
    INSERT INTO meta.layer_versions AS v (layer, version, updated_at)
    VALUES (l, 1, now())
    ON CONFLICT (layer) DO UPDATE SET version = v.version + 1, updated_at = now();
  END LOOP;
  RETURN NULL;
END $$;

-- Registers the statement-level trigger that bumps the versions of the named layers on any write to a table.
CREATE OR REPLACE FUNCTION meta.track_layer(tbl regclass, VARIADIC layers text[]) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  args text;
BEGIN
  SELECT string_agg(quote_literal(x), ', ') INTO args FROM unnest(layers) AS x;
  EXECUTE format('DROP TRIGGER IF EXISTS bump_layer_version ON %s', tbl);
  EXECUTE format(
    'CREATE TRIGGER bump_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s
       FOR EACH STATEMENT EXECUTE FUNCTION meta.bump_layer_version(%s)', tbl, args);
END $$;
