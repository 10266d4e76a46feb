export type ToastKind = 'error' | 'success' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

const DISPLAY_MS: Record<ToastKind, number> = { error: 8000, success: 4000, info: 5000 };

export const toasts: Toast[] = $state([]);

const dismissTimers = new Map<number, ReturnType<typeof setTimeout>>();
let nextId = 1;

/** Shows a message for a few seconds; the same message already on screen is kept, not repeated. */
export function showToast(message: string, kind: ToastKind = 'error'): void {
  const shown = toasts.find((toast) => toast.message === message && toast.kind === kind);
  const id = shown?.id ?? nextId++;
  if (!shown) toasts.push({ id, kind, message });

  clearTimeout(dismissTimers.get(id));
  dismissTimers.set(
    id,
    setTimeout(() => dismissToast(id), DISPLAY_MS[kind]),
  );
}

export function dismissToast(id: number): void {
  clearTimeout(dismissTimers.get(id));
  dismissTimers.delete(id);
  const index = toasts.findIndex((toast) => toast.id === id);
  if (index !== -1) toasts.splice(index, 1);
}
