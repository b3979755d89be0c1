// MapLibre's own control labels (zoom buttons, attribution toggle, popups…) in the page's language. MapLibre reads its
// `locale` option once, when a control is added, so a language switch relabels the buttons already on the page.
import type { Lang } from '../stores/ui-slice.ts';
import { translate } from '../i18n/index.ts';

// MapLibre's locale key → our catalog key (one fact: the text lives in the message catalogs).
const KEYS = {
  'NavigationControl.ZoomIn': 'a11y.map.zoomIn',
  'NavigationControl.ZoomOut': 'a11y.map.zoomOut',
  'NavigationControl.ResetBearing': 'a11y.map.resetBearing',
  'AttributionControl.ToggleAttribution': 'a11y.map.attribution',
  'AttributionControl.MapFeedback': 'a11y.map.feedback',
  'FullscreenControl.Enter': 'a11y.map.fullscreen',
  'FullscreenControl.Exit': 'a11y.map.fullscreenExit',
  'GeolocateControl.FindMyLocation': 'a11y.map.locate',
  'GeolocateControl.LocationNotAvailable': 'a11y.map.locateUnavailable',
  'LogoControl.Title': 'a11y.map.logo',
  'Map.Title': 'app.mapLabel',
  'Marker.Title': 'a11y.map.marker',
  'Popup.Close': 'a11y.map.popupClose',
  'CooperativeGesturesHandler.WindowsHelpText': 'a11y.map.ctrlScroll',
  'CooperativeGesturesHandler.MacHelpText': 'a11y.map.cmdScroll',
  'CooperativeGesturesHandler.MobileHelpText': 'a11y.map.twoFingers',
} as const;

// Buttons already on the page and the locale key each one is titled by.
const BUTTONS: Array<[selector: string, key: keyof typeof KEYS]> = [
  ['.maplibregl-ctrl-zoom-in', 'NavigationControl.ZoomIn'],
  ['.maplibregl-ctrl-zoom-out', 'NavigationControl.ZoomOut'],
  ['.maplibregl-ctrl-compass', 'NavigationControl.ResetBearing'],
  ['.maplibregl-ctrl-attrib-button', 'AttributionControl.ToggleAttribution'],
  ['.maplibregl-ctrl-fullscreen', 'FullscreenControl.Enter'],
  ['.maplibregl-ctrl-geolocate', 'GeolocateControl.FindMyLocation'],
  ['.maplibregl-popup-close-button', 'Popup.Close'],
];

/** The `locale` option of a MapLibre map in `lang`. */
export function mapLocale(lang: Lang): Record<string, string> {
  return Object.fromEntries(Object.entries(KEYS).map(([k, v]) => [k, translate(lang, v)]));
}

/** Relabels (title and aria-label) MapLibre's buttons inside `container` in `lang`. */
export function relabelControls(container: HTMLElement, lang: Lang): void {
  for (const [selector, key] of BUTTONS) {
    const text = translate(lang, KEYS[key]);
    for (const b of container.querySelectorAll<HTMLElement>(selector)) {
      b.title = text;
      b.setAttribute('aria-label', text);
    }
  }
}
