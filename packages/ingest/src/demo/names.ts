// Name tables for the fictional municipality. Data, not logic: longer than 300 lines is fine here.

export const MUNICIPIO_NOMBRE = 'San Isidro del Valle (ficticio)';
export const CIUDAD_NOMBRE = 'San Isidro del Valle';

export const LOCALIDADES_RURALES = [
  'San Antonio de las Huertas', 'El Salitre', 'Santa Rosa de Lima', 'Ojo de Agua de la Palma', 'La Soledad',
  'Los Ramírez', 'Tepetates', 'El Refugio', 'San José de la Era', 'Charco Blanco', 'Las Norias', 'Buenavista',
  'La Estancia', 'San Miguel del Alto', 'El Mezquital', 'Guadalupe de los Pozos', 'Rancho Nuevo', 'La Purísima',
];

/** Historic heroes, dates and institutions: the names Mexican avenues carry. */
export const AVENIDAS = [
  'Av. Revolución', 'Blvd. Adolfo López Mateos', 'Av. Universidad', 'Calzada de los Héroes', 'Av. Insurgentes',
  'Blvd. Lázaro Cárdenas', 'Av. Tecnológico', 'Av. Constitución', 'Blvd. Vicente Guerrero', 'Av. Reforma',
  'Av. 5 de Mayo', 'Av. 16 de Septiembre', 'Av. 20 de Noviembre', 'Av. Independencia', 'Blvd. Emiliano Zapata',
  'Av. Francisco Villa', 'Av. Venustiano Carranza', 'Blvd. Luis Donaldo Colosio', 'Av. Ignacio Zaragoza',
  'Av. Solidaridad', 'Blvd. de la Juventud', 'Av. de las Torres', 'Av. Ferrocarril', 'Blvd. Agricultura',
  'Av. Plutarco Elías Calles', 'Av. Manuel Ávila Camacho', 'Blvd. Miguel Alemán', 'Av. Álvaro Obregón',
  'Av. Niños Héroes', 'Av. Libertad', 'Av. Paseo del Valle', 'Blvd. Río Grande', 'Av. Las Américas',
  'Av. Enrique Estrada', 'Av. Mina', 'Av. Morelos',
];

export const CALLES_HISTORICAS = [
  'Hidalgo', 'Morelos', 'Allende', 'Aldama', 'Guerrero', 'Zaragoza', 'Madero', 'Abasolo', 'Matamoros', 'Galeana',
  'Bravo', 'Victoria', 'Iturbide', 'Ocampo', 'Degollado', 'Comonfort', 'Lerdo de Tejada', 'Escobedo', 'Corona',
  'Negrete', 'Rayón', 'Mina', 'Josefa Ortiz de Domínguez', 'Leona Vicario', 'Sor Juana Inés de la Cruz',
  'Cuauhtémoc', 'Nezahualcóyotl', 'Colón', 'Juan Aldama', 'Mariano Jiménez', 'Pedro Moreno', 'Arteaga',
  'Independencia', 'Constitución', 'Reforma', 'Libertad', 'Progreso', 'Juárez', 'Tacuba', 'Del Carmen',
  'San Francisco', 'Santo Domingo', 'De la Merced', 'Del Rosario', 'Santa Teresa', 'Belisario Domínguez',
];

/** Street-name themes that fraccionamientos and colonias use (one theme per colonia). */
export const TEMAS_CALLES: Record<string, readonly string[]> = {
  flores: ['Rosas', 'Jazmín', 'Gardenia', 'Tulipán', 'Azucena', 'Bugambilia', 'Orquídea', 'Margarita', 'Girasol',
    'Violeta', 'Dalia', 'Camelia', 'Magnolia', 'Alhelí', 'Lirio', 'Nardo', 'Clavel', 'Amapola', 'Begonia', 'Geranio'],
  arboles: ['Fresno', 'Sauce', 'Pino', 'Cedro', 'Roble', 'Álamo', 'Mezquite', 'Huizache', 'Nogal', 'Encino', 'Olivo',
    'Ciprés', 'Ahuehuete', 'Jacaranda', 'Laurel', 'Eucalipto', 'Framboyán', 'Palo Verde', 'Sabino', 'Tabachín'],
  rios: ['Río Lerma', 'Río Bravo', 'Río Nazas', 'Río Balsas', 'Río Pánuco', 'Río Grijalva', 'Río Usumacinta',
    'Río Yaqui', 'Río Mayo', 'Río Fuerte', 'Río Papaloapan', 'Río Santiago', 'Río Conchos', 'Río Tamazula',
    'Río Aguanaval', 'Río Sonora', 'Río Colorado', 'Río Verde', 'Río Tula', 'Río Coatzacoalcos'],
  estados: ['Sonora', 'Sinaloa', 'Durango', 'Coahuila', 'Chihuahua', 'Jalisco', 'Nayarit', 'Colima', 'Michoacán',
    'Guanajuato', 'Querétaro', 'Hidalgo', 'Puebla', 'Tlaxcala', 'Veracruz', 'Tabasco', 'Campeche', 'Yucatán',
    'Oaxaca', 'Chiapas', 'Guerrero', 'Morelos', 'Tamaulipas', 'Nuevo León', 'Aguascalientes', 'Zacatecas'],
  astros: ['Sol', 'Luna', 'Mercurio', 'Venus', 'Marte', 'Júpiter', 'Saturno', 'Urano', 'Neptuno', 'Orión',
    'Andrómeda', 'Casiopea', 'Pegaso', 'Sirio', 'Vega', 'Aldebarán', 'Antares', 'Polaris', 'Centauro', 'Géminis'],
  profesiones: ['Ingenieros', 'Arquitectos', 'Maestros', 'Médicos', 'Abogados', 'Contadores', 'Enfermeras',
    'Electricistas', 'Carpinteros', 'Mineros', 'Ferrocarrileros', 'Agricultores', 'Telegrafistas', 'Periodistas',
    'Químicos', 'Veterinarios', 'Topógrafos', 'Economistas', 'Pintores', 'Músicos'],
  revolucion: ['Francisco I. Madero', 'Emiliano Zapata', 'Francisco Villa', 'Venustiano Carranza', 'Álvaro Obregón',
    'Felipe Ángeles', 'Aquiles Serdán', 'Carmen Serdán', 'Pascual Orozco', 'Ricardo Flores Magón',
    'Filomeno Mata', 'Belisario Domínguez', 'Plan de Ayala', 'Plan de San Luis', 'Plan de Guadalupe',
    'Constituyentes', 'Lucio Blanco', 'Felipe Carrillo Puerto', 'Otilio Montaño', 'Hermanos Flores Magón'],
  frutas: ['Naranjo', 'Limonero', 'Manzano', 'Durazno', 'Granado', 'Higuera', 'Guayabo', 'Membrillo', 'Ciruelo',
    'Peral', 'Mango', 'Aguacate', 'Tamarindo', 'Capulín', 'Zapote', 'Chabacano', 'Tejocote', 'Nopal', 'Vid', 'Dátil'],
  valles: ['Valle Alto', 'Valle Verde', 'Valle del Sol', 'Valle Dorado', 'Valle Real', 'Valle Escondido',
    'Valle Hermoso', 'Valle Bonito', 'Valle de Bravo', 'Valle de Santiago', 'Valle del Mezquital',
    'Valle de Allende', 'Valle Grande', 'Valle Sur', 'Valle de las Flores', 'Valle del Río', 'Valle Nuevo',
    'Valle Azul', 'Valle Fértil', 'Valle Sereno'],
  numeros: ['Uno', 'Dos', 'Tres', 'Cuatro', 'Cinco', 'Seis', 'Siete', 'Ocho', 'Nueve', 'Diez', 'Once', 'Doce',
    'Trece', 'Catorce', 'Quince', 'Dieciséis', 'Diecisiete', 'Dieciocho', 'Diecinueve', 'Veinte'],
};

export const BARRIOS = [
  'Barrio de San Juan', 'Barrio de Santiago', 'Barrio de la Merced', 'Barrio del Santuario', 'Barrio de San Miguel',
  'Barrio de Tlaxcala', 'Barrio de la Cruz', 'Barrio de San Francisco', 'Barrio del Carmen', 'Barrio de Guadalupe',
];

export const COLONIAS_POPULARES = [
  'Col. Revolución', 'Col. Obrera', 'Col. Moderna', 'Col. Industrial', 'Col. Ferrocarrilera', 'Col. Insurgentes',
  'Col. Hidalgo', 'Col. Morelos', 'Col. Benito Juárez', 'Col. Emiliano Zapata', 'Col. Francisco Villa',
  'Col. Lázaro Cárdenas', 'Col. Independencia', 'Col. Libertad', 'Col. Progreso', 'Col. Reforma',
  'Col. Las Flores', 'Col. Jardines del Valle', 'Col. Bellavista', 'Col. Lomas del Valle', 'Col. El Mirador',
  'Col. Santa Fe', 'Col. Guadalupe', 'Col. San Rafael', 'Col. La Loma', 'Col. Del Maestro', 'Col. Burócrata',
  'Col. Magisterial', 'Col. Periodista', 'Col. Militar', 'Col. Ejidal', 'Col. Popular', 'Col. Centenario',
  'Col. Primero de Mayo', 'Col. 20 de Noviembre', 'Col. 5 de Febrero', 'Col. Constitución', 'Col. Niños Héroes',
  'Col. Cuauhtémoc', 'Col. Tierra y Libertad', 'Col. Ampliación Morelos', 'Col. Santa Cecilia', 'Col. Las Américas',
  'Col. Alamedas', 'Col. Los Olivos', 'Col. El Palmar', 'Col. San Fernando', 'Col. La Esperanza', 'Col. Nueva Era',
  'Col. Pedregal', 'Col. Los Pinos', 'Col. Campestre', 'Col. Lomas de San Isidro', 'Col. Residencial del Parque',
];

export const FRACCIONAMIENTOS = [
  'Fracc. Las Palmas', 'Fracc. Villas del Sol', 'Fracc. Los Álamos', 'Fracc. Real del Valle', 'Fracc. Las Fuentes',
  'Fracc. Villa Verde', 'Fracc. Campo Real', 'Fracc. Los Sauces', 'Fracc. Hacienda Las Lomas', 'Fracc. Paseos del Sol',
  'Fracc. Rincón del Bosque', 'Fracc. Puerta del Sol', 'Fracc. Los Agaves', 'Fracc. Bosques del Valle',
  'Fracc. Villas de San Isidro', 'Fracc. Privadas del Pedregal', 'Fracc. Misión del Valle', 'Fracc. Las Haciendas',
  'Fracc. Praderas del Sur', 'Fracc. Cumbres', 'Fracc. Lomas Verdes', 'Fracc. Altavista', 'Fracc. El Encino',
  'Fracc. Jardines de la Hacienda', 'Fracc. San Ángel', 'Fracc. Villas del Mezquite', 'Fracc. Los Cedros',
  'Fracc. Arboledas', 'Fracc. Portal de las Lomas', 'Fracc. Quinta Real', 'Fracc. Santa Lucía', 'Fracc. Los Naranjos',
  'Fracc. La Joya', 'Fracc. Colinas del Río', 'Fracc. Valle Dorado', 'Fracc. Monte Bello', 'Fracc. Residencial Los Lagos',
  'Fracc. La Cantera', 'Fracc. Galaxia', 'Fracc. Nuevo Horizonte', 'Fracc. Villas de la Cantera', 'Fracc. Terranova',
];

export const UNIDADES = [
  'Infonavit Los Pinos', 'Infonavit El Mezquite', 'Infonavit Solidaridad', 'Infonavit La Fuente', 'Fovissste Centenario',
  'U. H. Magisterial', 'U. H. Ferrocarrilera', 'Infonavit San Isidro', 'Infonavit Las Águilas', 'Fovissste Insurgentes',
  'U. H. Revolución', 'Infonavit Camino Real', 'Infonavit Arboledas', 'U. H. del Valle', 'Infonavit Progreso',
];

export const ASENTAMIENTOS = [
  'Ampliación', 'Ejido', 'Asentamiento', 'Prolongación', 'Sección',
];

export const NOMBRES_SUFIJO = ['Norte', 'Sur', 'Oriente', 'Poniente', 'Segunda Sección', 'Tercera Sección', 'Ampliación', 'II', 'III'];

export const PERSONAJES_ESCUELAS = [
  'Benito Juárez', 'Miguel Hidalgo', 'José María Morelos', 'Niños Héroes', 'Justo Sierra', 'José Vasconcelos',
  'Gabriela Mistral', 'Sor Juana Inés de la Cruz', 'Josefa Ortiz de Domínguez', 'Leona Vicario', 'Ignacio Zaragoza',
  'Vicente Guerrero', 'Emiliano Zapata', 'Francisco I. Madero', 'Lázaro Cárdenas', 'Rosario Castellanos',
  'Amado Nervo', 'Ramón López Velarde', 'Octavio Paz', 'Jaime Torres Bodet', 'Rafael Ramírez', 'Gregorio Torres Quintero',
  'Ignacio Manuel Altamirano', 'Guillermo Prieto', 'Manuel Acuña', 'Cuauhtémoc', 'Netzahualcóyotl', 'Agustín Melgar',
  'Juan Escutia', 'Vicente Suárez', 'Margarita Maza de Juárez', 'Elena Poniatowska', 'Frida Kahlo', 'Diego Rivera',
  'Adolfo López Mateos', 'Plan de Ayala', 'Revolución', 'Independencia', 'Constitución de 1917', 'Patria',
];

export const TEMPLOS = [
  'Catedral de San Isidro Labrador', 'Templo de San Juan Bautista', 'Templo de Santo Domingo',
  'Santuario de Nuestra Señora de Guadalupe', 'Templo de la Merced', 'Templo de San Francisco', 'Templo del Carmen',
  'Capilla de la Santa Cruz',
];

export const DEPENDENCIAS = [
  'Secretaría de Obras Públicas', 'Dirección de Desarrollo Urbano', 'Dirección de Servicios Públicos',
  'Secretaría de Seguridad Pública', 'Dirección de Desarrollo Social', 'DIF Municipal',
  'Dirección de Desarrollo Económico', 'Tesorería Municipal', 'Contraloría Municipal', 'IMPLAN',
  'Dirección de Ecología y Medio Ambiente', 'Coordinación de Protección Civil', 'Instituto Municipal del Deporte',
  'Instituto Municipal de Cultura', 'Organismo Operador de Agua Potable', 'Dirección de Movilidad',
];
