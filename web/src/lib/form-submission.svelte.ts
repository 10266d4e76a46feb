import { errorMessage } from './http';
import { showToast } from './toasts.svelte';

/**
 * A form that sends once at a time: `pending` while `send` runs (for the busy state and the
 * disabled button), a second submit meanwhile is ignored, and a rejection becomes a toast.
 */
export function formSubmission(send: () => Promise<void>) {
  let pending = $state(false);
  return {
    get pending() {
      return pending;
    },
    async submit(event: SubmitEvent) {
      event.preventDefault();
      if (pending) return;
      pending = true;
      try {
        await send();
      } catch (error) {
        showToast(errorMessage(error));
      } finally {
        pending = false;
      }
    },
  };
}
