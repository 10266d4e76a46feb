import { english, type Translate } from './i18n';
import { showToast } from './toasts.svelte';

/** Copies `text` to the clipboard and says so with `copied` ("The password copied."). */
export async function copyText(
  text: string,
  copied: string,
  t: Translate = english,
): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    showToast(copied, 'success');
  } catch {
    showToast(t('copy.failed'));
  }
}
