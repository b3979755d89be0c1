// "Use my location" for the citizen forms: the GPS position becomes the map's centre, which is the form's place.
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';

/** Returns a function that flies the map to the device's position (or tells why it cannot). */
export function useLocate(): () => void {
  const t = useT();
  const fly = useApp((s) => s.requestFly);
  const notify = useApp((s) => s.notify);
  return () => {
    if (!navigator.geolocation) return notify(t('near.geoDenied'));
    navigator.geolocation.getCurrentPosition(
      (p) => fly({ center: [p.coords.longitude, p.coords.latitude], zoom: 17 }),
      () => notify(t('near.geoDenied')),
      { enableHighAccuracy: true, timeout: 10000 },
    );
  };
}
