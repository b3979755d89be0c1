-- The IMPLAN's site (issue 17): every page's text in Markdown, per language, and the data lists editors keep (council,
-- org chart, legal framework), each save a new version (never an update), audited. The current content of a page or
-- list is its highest version; restoring copies an old version into a new one. The seeded content is the demo
-- municipality's and says it is fictional; an install replaces it from the editor.
CREATE SCHEMA IF NOT EXISTS portal;

CREATE TABLE portal.page_versions (
  id             bigserial PRIMARY KEY,
  slug           text NOT NULL CHECK (slug ~ '^[a-z][a-z-]{1,40}$'),
  lang           text NOT NULL CHECK (lang IN ('es', 'en')),
  version        integer NOT NULL CHECK (version > 0),
  titulo         text NOT NULL CHECK (length(titulo) BETWEEN 1 AND 200),
  markdown       text NOT NULL CHECK (length(markdown) <= 100000),
  restored_from  integer,
  actor          text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (slug, lang, version)
);

CREATE TABLE portal.data_versions (
  id             bigserial PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('consejo', 'organigrama', 'normativa')),
  version        integer NOT NULL CHECK (version > 0),
  data           jsonb NOT NULL,
  restored_from  integer,
  actor          text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, version)
);

SELECT audit.enable('portal.page_versions');
SELECT audit.enable('portal.data_versions');

INSERT INTO portal.page_versions (slug, lang, version, titulo, markdown, actor) VALUES
('inicio', 'es', 1, 'Instituto Municipal de Planeación',
$md$El **Instituto Municipal de Planeación (IMPLAN)** de San Isidro del Valle (municipio ficticio) es el organismo público descentralizado que elabora, da seguimiento y evalúa el Plan Municipal de Desarrollo, y que mantiene la información geográfica y estadística del municipio abierta para todas las personas.

*Todo el contenido de este sitio de demostración es ficticio.*$md$, 'seed'),
('inicio', 'en', 1, 'Municipal Planning Institute',
$md$The **Municipal Planning Institute (IMPLAN)** of San Isidro del Valle (a fictional municipality) is the public agency that drafts, follows up and evaluates the Municipal Development Plan, and keeps the municipality's geographic and statistical information open to everyone.

*All content on this demonstration site is fictional.*$md$, 'seed'),
('quienes-somos', 'es', 1, '¿Quiénes somos?',
$md$## Misión
Orientar el desarrollo de San Isidro del Valle con planeación participativa, información confiable y abierta, y seguimiento público de los compromisos del gobierno municipal.

## Visión
Ser en 2030 el instituto de referencia en planeación municipal abierta del estado, con un plan que la ciudadanía conoce, vigila y mejora.

## Objetivos
1. Elaborar y actualizar el Plan Municipal de Desarrollo y sus programas.
2. Dar seguimiento público al avance físico y financiero de los proyectos.
3. Mantener el banco municipal de información estadística y geográfica.
4. Organizar los procesos de participación ciudadana y publicar sus resultados.

*Contenido ficticio de demostración.*$md$, 'seed'),
('quienes-somos', 'en', 1, 'About us',
$md$## Mission
To guide the development of San Isidro del Valle through participatory planning, reliable open information, and public follow-up of the municipal government's commitments.

## Vision
By 2030, to be the state's reference institute for open municipal planning, with a plan citizens know, watch and improve.

## Objectives
1. Draft and update the Municipal Development Plan and its programmes.
2. Publicly follow the physical and financial progress of projects.
3. Keep the municipal bank of statistical and geographic information.
4. Organise citizen participation processes and publish their results.

*Fictional demonstration content.*$md$, 'seed'),
('consejo', 'es', 1, 'Consejo Directivo',
$md$El Consejo Directivo es el órgano de gobierno del Instituto. Lo integran representantes del Ayuntamiento, de la sociedad civil organizada y de la academia; sesiona de forma ordinaria cada trimestre.

*Integrantes y actas ficticios de demostración.*$md$, 'seed'),
('consejo', 'en', 1, 'Board of Directors',
$md$The Board of Directors is the Institute's governing body. It brings together representatives of the City Council, organised civil society and academia, and meets every quarter.

*Fictional demonstration members and minutes.*$md$, 'seed'),
('estructura', 'es', 1, 'Estructura Orgánica',
$md$El Instituto se organiza en una Dirección General, tres direcciones de área y sus coordinaciones. *Estructura ficticia de demostración.*$md$, 'seed'),
('estructura', 'en', 1, 'Organisation',
$md$The Institute is organised in a General Directorate, three area directorates and their units. *Fictional demonstration structure.*$md$, 'seed'),
('marco-normativo', 'es', 1, 'Marco Normativo',
$md$Instrumentos jurídicos que dan origen al Instituto y rigen su actuación. *Lista ficticia de demostración: los reglamentos municipales citados no existen.*$md$, 'seed'),
('marco-normativo', 'en', 1, 'Legal framework',
$md$Legal instruments that create the Institute and govern its work. *Fictional demonstration list: the municipal regulations cited do not exist.*$md$, 'seed'),
('planeacion', 'es', 1, 'Planeación',
$md$El **Plan Municipal de Desarrollo 2024–2027** se organiza en ejes y programas. Cada programa agrupa proyectos que pueden verse en el mapa.$md$, 'seed'),
('planeacion', 'en', 1, 'Planning',
$md$The **Municipal Development Plan 2024–2027** is organised in axes and programmes. Each programme groups projects you can see on the map.$md$, 'seed'),
('seguimiento', 'es', 1, 'Seguimiento',
$md$El avance físico y financiero de cada proyecto se actualiza por las dependencias responsables y se revisa por el Instituto. El **tablero de seguimiento** resume el municipio o cualquier colonia, localidad o zona.$md$, 'seed'),
('seguimiento', 'en', 1, 'Follow-up',
$md$The physical and financial progress of every project is updated by the responsible agencies and reviewed by the Institute. The **follow-up dashboard** summarises the municipality or any neighbourhood, locality or zone.$md$, 'seed'),
('participacion', 'es', 1, 'Participación',
$md$Los procesos de presupuesto participativo permiten a las vecinas y vecinos proponer y votar proyectos para su zona. Los resultados se publican por zona.$md$, 'seed'),
('participacion', 'en', 1, 'Participation',
$md$Participatory budgeting processes let residents propose and vote on projects for their zone. Results are published by zone.$md$, 'seed'),
('documentos', 'es', 1, 'Documentos',
$md$Biblioteca de los documentos del plan: fichas técnicas, expedientes, planes parciales y estudios.$md$, 'seed'),
('documentos', 'en', 1, 'Documents',
$md$Library of the plan's documents: technical sheets, project files, partial plans and studies.$md$, 'seed');

INSERT INTO portal.data_versions (kind, version, data, actor) VALUES
('consejo', 1, $json${
  "miembros": [
    {"nombre": "Mtra. Laura Estévez Ruiz (ficticia)", "cargo": "Presidenta", "sector": "Presidencia Municipal"},
    {"nombre": "Ing. Ramón Quiroga Salas (ficticio)", "cargo": "Secretario Técnico", "sector": "Dirección General del IMPLAN"},
    {"nombre": "Arq. Sofía Medina Tapia (ficticia)", "cargo": "Consejera", "sector": "Colegio de Arquitectos"},
    {"nombre": "Dr. Ernesto Valdés Luna (ficticio)", "cargo": "Consejero", "sector": "Universidad Estatal"},
    {"nombre": "Lic. Patricia Gámez Ortiz (ficticia)", "cargo": "Consejera", "sector": "Cámara de Comercio"},
    {"nombre": "C. Javier Ibarra Soto (ficticio)", "cargo": "Consejero", "sector": "Comités vecinales"}
  ],
  "atribuciones": [
    "Aprobar el programa anual de trabajo y el presupuesto del Instituto.",
    "Conocer y aprobar el proyecto de Plan Municipal de Desarrollo antes de su envío al Ayuntamiento.",
    "Evaluar el informe trimestral de seguimiento de los proyectos del plan.",
    "Aprobar la convocatoria y las reglas de los procesos de participación ciudadana."
  ],
  "sesiones": [
    {"clave": "acta-cd-2024-1", "fecha": "2024-03-14", "tipo": "ordinaria", "titulo": "Primera sesión ordinaria 2024", "acta_url": "/portal/actas/acta-cd-2024-1.pdf"},
    {"clave": "acta-cd-2024-2", "fecha": "2024-06-20", "tipo": "ordinaria", "titulo": "Segunda sesión ordinaria 2024", "acta_url": "/portal/actas/acta-cd-2024-2.pdf"},
    {"clave": "acta-cd-2024-e1", "fecha": "2024-08-05", "tipo": "extraordinaria", "titulo": "Sesión extraordinaria: convocatoria de presupuesto participativo", "acta_url": "/portal/actas/acta-cd-2024-e1.pdf"},
    {"clave": "acta-cd-2024-3", "fecha": "2024-09-26", "tipo": "ordinaria", "titulo": "Tercera sesión ordinaria 2024", "acta_url": "/portal/actas/acta-cd-2024-3.pdf"}
  ]
}$json$::jsonb, 'seed'),
('organigrama', 1, $json${
  "unidades": [
    {"clave": "DG", "nombre": "Dirección General", "titular": "Ing. Ramón Quiroga Salas (ficticio)", "depende_de": null},
    {"clave": "DP", "nombre": "Dirección de Planeación", "titular": "Mtra. Ana Lucía Robles (ficticia)", "depende_de": "DG"},
    {"clave": "DI", "nombre": "Dirección de Información Geográfica y Estadística", "titular": "Geóg. Martín Cota Félix (ficticio)", "depende_de": "DG"},
    {"clave": "DS", "nombre": "Dirección de Seguimiento y Participación", "titular": "Lic. Elena Durazo Paz (ficticia)", "depende_de": "DG"},
    {"clave": "CPE", "nombre": "Coordinación de Planeación Estratégica", "titular": "Arq. Tomás Leyva (ficticio)", "depende_de": "DP"},
    {"clave": "CSIG", "nombre": "Coordinación del SIG Municipal", "titular": "Ing. Carla Bojórquez (ficticia)", "depende_de": "DI"},
    {"clave": "CEB", "nombre": "Coordinación de Estadística Básica", "titular": "Act. Luis Arvizu (ficticio)", "depende_de": "DI"},
    {"clave": "CPC", "nombre": "Coordinación de Participación Ciudadana", "titular": "Lic. Rosa Encinas (ficticia)", "depende_de": "DS"}
  ]
}$json$::jsonb, 'seed'),
('normativa', 1, $json${
  "instrumentos": [
    {"nombre": "Constitución Política de los Estados Unidos Mexicanos, artículo 115", "tipo": "ley", "ambito": "federal", "fecha": "1917-02-05", "url": "https://www.diputados.gob.mx/LeyesBiblio/pdf/CPEUM.pdf"},
    {"nombre": "Ley de Planeación", "tipo": "ley", "ambito": "federal", "fecha": "1983-01-05", "url": "https://www.diputados.gob.mx/LeyesBiblio/pdf/59_160218.pdf"},
    {"nombre": "Ley General de Asentamientos Humanos, Ordenamiento Territorial y Desarrollo Urbano", "tipo": "ley", "ambito": "federal", "fecha": "2016-11-28", "url": "https://www.diputados.gob.mx/LeyesBiblio/pdf/LGAHOTDU_010621.pdf"},
    {"nombre": "Reglamento Interior del IMPLAN de San Isidro del Valle (ficticio)", "tipo": "reglamento", "ambito": "municipal", "fecha": "2019-05-10", "url": "/portal/actas/reglamento-interior.pdf"},
    {"nombre": "Lineamientos del presupuesto participativo (ficticios)", "tipo": "lineamiento", "ambito": "municipal", "fecha": "2023-02-01", "url": "/portal/actas/lineamientos-presupuesto-participativo.pdf"}
  ]
}$json$::jsonb, 'seed');
