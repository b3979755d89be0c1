// Keyboard contract of a modal dialog (WCAG 2.1.2, 2.4.3): focus moves into it when it opens, Escape closes it,
// and focus goes back to the control that opened it.
import { useEffect, useRef, type RefObject } from 'react';

/** Attach the returned ref to the dialog element; `onClose` is called on Escape. */
export function useDialogFocus<T extends HTMLElement>(open: boolean, onClose: () => void): RefObject<T | null> {
  const ref = useRef<T>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = ref.current;
    el?.querySelector<HTMLElement>('input, select, textarea, button, [href], [tabindex]:not([tabindex="-1"])')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      close.current();
    };
    // Capture phase: the dialog sits above the page, so its Escape must not also close the panel behind it.
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      if (opener?.isConnected) opener.focus();
    };
  }, [open]);
  return ref;
}
