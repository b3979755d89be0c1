// Registers the pmtiles:// protocol once, so the basemap is read from our own archive with HTTP Range requests.
import { addProtocol, setWorkerUrl } from 'maplibre-gl';
import { Protocol } from 'pmtiles';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

let protocol: Protocol | null = null;

/** Sets MapLibre's worker to the bundled file and adds the pmtiles protocol (idempotent). */
export function registerProtocols(): void {
  if (protocol) return;
  setWorkerUrl(workerUrl);
  protocol = new Protocol();
  addProtocol('pmtiles', protocol.tile);
}

/** The registered protocol (archives added to it share their header and directory cache with the map). */
export function pmtilesProtocol(): Protocol {
  registerProtocols();
  return protocol!;
}
