/**
 * Closing a toolbar's panel (filters, nearest): focus goes back to the button that opened it, and
 * Escape closes it too. Escape is consumed here, so the station panel beside it (which also
 * listens for Escape) stays open.
 */
export function toolbarPanelClosing(
  isOpen: () => boolean,
  setOpen: (open: boolean) => void,
  toggle: () => HTMLElement | undefined,
) {
  const close = () => {
    setOpen(false);
    toggle()?.focus();
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (!isOpen() || event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    close();
  };
  return { close, closeOnEscape };
}
