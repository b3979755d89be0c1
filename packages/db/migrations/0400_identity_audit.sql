-- Identity (accounts, roles, dependencias, sessions, API tokens) and the append-only audit trail (issue 11).
-- Secrets never rest here in the clear: passwords are argon2id hashes, session ids and API tokens SHA-256 hashes.

CREATE SCHEMA IF NOT EXISTS auth;
CREATE SCHEMA IF NOT EXISTS audit;

-- The roles of packages/domain/src/roles.ts (one fact, checked here so hand-run SQL cannot invent a role).
CREATE TABLE auth.roles (
  role         text PRIMARY KEY,
  descripcion  text NOT NULL
);
INSERT INTO auth.roles (role, descripcion) VALUES
  ('admin', 'Administra usuarios y roles; puede todo lo demás'),
  ('planeacion', 'Personal del IMPLAN: importaciones, catálogo, cualquier proyecto'),
  ('dependencia', 'Personal de una o más dependencias: solo sus proyectos'),
  ('moderacion', 'Revisa propuestas y reportes ciudadanos');

CREATE TABLE auth.users (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email          text NOT NULL CHECK (email = lower(btrim(email)) AND email LIKE '%_@_%'),
  -- Shown as the author of changes (a project's history is public; the email is not).
  nombre         text NOT NULL,
  -- argon2id PHC string; NULL: the account cannot sign in with a password (tokens only).
  password_hash  text,
  -- Audited in place of the hash, which stays out of the trail.
  password_changed_at  timestamptz,
  activo         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (email)
);

CREATE TABLE auth.user_roles (
  user_id  integer NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  role     text NOT NULL REFERENCES auth.roles(role),
  PRIMARY KEY (user_id, role)
);

-- The dependencias a `dependencia` user works for, spelled as plan.projects.dependencia (compared without accents/case).
CREATE TABLE auth.user_dependencias (
  user_id      integer NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  dependencia  text NOT NULL CHECK (btrim(dependencia) <> ''),
  PRIMARY KEY (user_id, dependencia)
);

-- Server-side sessions, shared by every server process. The cookie holds the id; only its SHA-256 is stored.
CREATE TABLE auth.sessions (
  id_hash       text PRIMARY KEY,
  user_id       integer NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  -- The anti-CSRF token returned by GET /api/auth/me (header x-csrf-token).
  csrf          text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  -- Absolute timeout: the session ends then, however active.
  expires_at    timestamptz NOT NULL,
  ip            inet,
  user_agent    text
);
CREATE INDEX sessions_user_idx ON auth.sessions (user_id);
CREATE INDEX sessions_expires_idx ON auth.sessions (expires_at);

-- API tokens for scripts: shown once at creation, stored as SHA-256; scoped to the owner's current roles.
CREATE TABLE auth.api_tokens (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       integer NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  nombre        text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  -- The first characters of the token, so a person can tell tokens apart in a list.
  prefijo       text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  expires_at    timestamptz
);
CREATE INDEX api_tokens_user_idx ON auth.api_tokens (user_id);

-- The audit trail. `actor`: user:<id> (session), token:<id> (API token), anon (a public write), or sql:<role>
-- when nobody set sigmun.actor (hand-run SQL, caught by the same triggers).
CREATE TABLE audit.log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor       text NOT NULL,
  -- INSERT, UPDATE, DELETE, TRUNCATE for row changes; events: login, login_failed, logout, …
  action      text NOT NULL,
  tabla       text,
  clave       text,
  old_row     jsonb,
  new_row     jsonb,
  request_id  text,
  ip          inet,
  detail      jsonb
);
CREATE INDEX log_tabla_clave_idx ON audit.log (tabla, clave, at);
CREATE INDEX log_at_idx ON audit.log (at);
-- The sign-in rate limit counts recent failures (shared by every server process).
CREATE INDEX log_login_failed_idx ON audit.log (at) WHERE action = 'login_failed';

-- Append-only: no UPDATE, DELETE or TRUNCATE, whoever asks (owner included; only a superuser dropping the
-- trigger could, and that is a DDL change visible in the migration history and the server log).
CREATE FUNCTION audit.refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.log es de solo anexado: % no está permitido', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER log_append_only BEFORE UPDATE OR DELETE ON audit.log FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER log_no_truncate BEFORE TRUNCATE ON audit.log FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit.log FROM PUBLIC;

-- Who is acting in this transaction, as app.writeTx set it (transaction-local), else the SQL role.
CREATE FUNCTION audit.current_actor() RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('sigmun.actor', true), ''), 'sql:' || current_user)
$$;

CREATE FUNCTION audit.current_ip() RETURNS inet
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN nullif(current_setting('sigmun.ip', true), '')::inet;
EXCEPTION WHEN invalid_text_representation THEN
  RETURN NULL;
END $$;

-- Row trigger: one audit row per changed row. TG_ARGV[0]: the primary-key columns (comma-separated, in key
-- order); TG_ARGV[1]: columns left out of before/after (secrets, bookkeeping). An UPDATE that changes only
-- left-out columns (e.g. a token's last use) writes no row.
CREATE FUNCTION audit.log_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  pk     text[] := string_to_array(TG_ARGV[0], ',');
  skip   text[] := coalesce(string_to_array(nullif(TG_ARGV[1], ''), ','), '{}');
  old_j  jsonb;
  new_j  jsonb;
  k      text;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN old_j := to_jsonb(OLD) - skip; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN new_j := to_jsonb(NEW) - skip; END IF;
  IF TG_OP = 'UPDATE' AND old_j = new_j THEN RETURN NULL; END IF;
  SELECT string_agg(coalesce(new_j, old_j) ->> c, ',' ORDER BY i) INTO k FROM unnest(pk) WITH ORDINALITY AS u(c, i);
  INSERT INTO audit.log (actor, action, tabla, clave, old_row, new_row, request_id, ip)
  VALUES (audit.current_actor(), TG_OP, TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, k, old_j, new_j,
          nullif(current_setting('sigmun.request_id', true), ''), audit.current_ip());
  RETURN NULL;
END $$;

CREATE FUNCTION audit.log_truncate() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit.log (actor, action, tabla, request_id, ip)
  VALUES (audit.current_actor(), 'TRUNCATE', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME,
          nullif(current_setting('sigmun.request_id', true), ''), audit.current_ip());
  RETURN NULL;
END $$;

-- Makes a table audited: every INSERT/UPDATE/DELETE (and TRUNCATE) appends to audit.log in the same transaction.
-- The table needs a primary key; `exclude` names columns kept out of the trail (password hashes, counters).
CREATE FUNCTION audit.enable(tbl regclass, exclude text[] DEFAULT '{}') RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  pk text;
BEGIN
  SELECT string_agg(a.attname, ',' ORDER BY k.ord) INTO pk
  FROM pg_index i
  CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
  WHERE i.indrelid = tbl AND i.indisprimary;
  IF pk IS NULL THEN
    RAISE EXCEPTION 'audit.enable: la tabla % no tiene llave primaria', tbl;
  END IF;
  EXECUTE format('DROP TRIGGER IF EXISTS audit_row ON %s', tbl);
  EXECUTE format('DROP TRIGGER IF EXISTS audit_truncate ON %s', tbl);
  EXECUTE format('CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION audit.log_change(%L, %L)',
                 tbl, pk, array_to_string(exclude, ','));
  EXECUTE format('CREATE TRIGGER audit_truncate AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION audit.log_truncate()', tbl);
END $$;

SELECT audit.enable('auth.users', ARRAY['password_hash', 'updated_at']);
SELECT audit.enable('auth.user_roles');
SELECT audit.enable('auth.user_dependencias');
SELECT audit.enable('auth.api_tokens', ARRAY['token_hash', 'last_used_at']);
SELECT audit.enable('plan.projects');
SELECT audit.enable('plan.project_progress');
SELECT audit.enable('meta.import_log');
