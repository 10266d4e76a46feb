import { showToast } from './toasts.svelte';

/** Copies `text` to the clipboard and says so; `what` names it ("The password"). */
export async function copyText(what: string, text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    showToast(`${what} copied.`, 'success');
  } catch {
    showToast(`${what} could not be copied: select it and copy it by hand.`);
  }
}
