-- The council, org chart and legal-framework lists per language (issue 17): the English site shows its own list
-- (cargos, sectors, attributions, session titles, unit and instrument names translated; people's names as they are),
-- versioned apart from the Spanish one. Existing rows are the Spanish lists.
ALTER TABLE portal.data_versions ADD COLUMN lang text NOT NULL DEFAULT 'es' CHECK (lang IN ('es', 'en'));
ALTER TABLE portal.data_versions DROP CONSTRAINT data_versions_kind_version_key;
ALTER TABLE portal.data_versions ADD CONSTRAINT data_versions_kind_lang_version_key UNIQUE (kind, lang, version);

INSERT INTO portal.data_versions (kind, lang, version, data, actor) VALUES
('consejo', 'en', 1, $json${
  "miembros": [
    {"nombre": "Mtra. Laura Estévez Ruiz (fictional)", "cargo": "Chair", "sector": "Office of the Municipal President"},
    {"nombre": "Ing. Ramón Quiroga Salas (fictional)", "cargo": "Technical Secretary", "sector": "IMPLAN General Directorate"},
    {"nombre": "Arq. Sofía Medina Tapia (fictional)", "cargo": "Board member", "sector": "Association of Architects"},
    {"nombre": "Dr. Ernesto Valdés Luna (fictional)", "cargo": "Board member", "sector": "State University"},
    {"nombre": "Lic. Patricia Gámez Ortiz (fictional)", "cargo": "Board member", "sector": "Chamber of Commerce"},
    {"nombre": "C. Javier Ibarra Soto (fictional)", "cargo": "Board member", "sector": "Neighbourhood committees"}
  ],
  "atribuciones": [
    "Approve the Institute's annual work programme and budget.",
    "Review and approve the draft Municipal Development Plan before it is sent to the City Council.",
    "Evaluate the quarterly follow-up report on the plan's projects.",
    "Approve the call and the rules of citizen participation processes."
  ],
  "sesiones": [
    {"clave": "acta-cd-2024-1", "fecha": "2024-03-14", "tipo": "ordinaria", "titulo": "First ordinary session 2024", "acta_url": "/portal/actas/acta-cd-2024-1.pdf"},
    {"clave": "acta-cd-2024-2", "fecha": "2024-06-20", "tipo": "ordinaria", "titulo": "Second ordinary session 2024", "acta_url": "/portal/actas/acta-cd-2024-2.pdf"},
    {"clave": "acta-cd-2024-e1", "fecha": "2024-08-05", "tipo": "extraordinaria", "titulo": "Extraordinary session: participatory budgeting call", "acta_url": "/portal/actas/acta-cd-2024-e1.pdf"},
    {"clave": "acta-cd-2024-3", "fecha": "2024-09-26", "tipo": "ordinaria", "titulo": "Third ordinary session 2024", "acta_url": "/portal/actas/acta-cd-2024-3.pdf"}
  ]
}$json$::jsonb, 'seed'),
('organigrama', 'en', 1, $json${
  "unidades": [
    {"clave": "DG", "nombre": "General Directorate", "titular": "Ing. Ramón Quiroga Salas (fictional)", "depende_de": null},
    {"clave": "DP", "nombre": "Planning Directorate", "titular": "Mtra. Ana Lucía Robles (fictional)", "depende_de": "DG"},
    {"clave": "DI", "nombre": "Geographic and Statistical Information Directorate", "titular": "Geóg. Martín Cota Félix (fictional)", "depende_de": "DG"},
    {"clave": "DS", "nombre": "Follow-up and Participation Directorate", "titular": "Lic. Elena Durazo Paz (fictional)", "depende_de": "DG"},
    {"clave": "CPE", "nombre": "Strategic Planning Unit", "titular": "Arq. Tomás Leyva (fictional)", "depende_de": "DP"},
    {"clave": "CSIG", "nombre": "Municipal GIS Unit", "titular": "Ing. Carla Bojórquez (fictional)", "depende_de": "DI"},
    {"clave": "CEB", "nombre": "Basic Statistics Unit", "titular": "Act. Luis Arvizu (fictional)", "depende_de": "DI"},
    {"clave": "CPC", "nombre": "Citizen Participation Unit", "titular": "Lic. Rosa Encinas (fictional)", "depende_de": "DS"}
  ]
}$json$::jsonb, 'seed'),
('normativa', 'en', 1, $json${
  "instrumentos": [
    {"nombre": "Political Constitution of the United Mexican States, article 115", "tipo": "ley", "ambito": "federal", "fecha": "1917-02-05", "url": "https://www.diputados.gob.mx/LeyesBiblio/pdf/CPEUM.pdf"},
    {"nombre": "Planning Law", "tipo": "ley", "ambito": "federal", "fecha": "1983-01-05", "url": "https://www.diputados.gob.mx/LeyesBiblio/pdf/59_160218.pdf"},
    {"nombre": "General Law of Human Settlements, Land Use Planning and Urban Development", "tipo": "ley", "ambito": "federal", "fecha": "2016-11-28", "url": "https://www.diputados.gob.mx/LeyesBiblio/pdf/LGAHOTDU_010621.pdf"},
    {"nombre": "Internal Regulations of the IMPLAN of San Isidro del Valle (fictional)", "tipo": "reglamento", "ambito": "municipal", "fecha": "2019-05-10", "url": "/portal/actas/reglamento-interior.pdf"},
    {"nombre": "Participatory budgeting guidelines (fictional)", "tipo": "lineamiento", "ambito": "municipal", "fecha": "2023-02-01", "url": "/portal/actas/lineamientos-presupuesto-participativo.pdf"}
  ]
}$json$::jsonb, 'seed');
