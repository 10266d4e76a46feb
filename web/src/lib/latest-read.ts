/**
 * A reader that may be called again before its last read answered (a live event, a filter
 * change): only the newest call's answer is accepted, so an older, slower one never replaces it.
 */
export function latestRead<T>(
  read: () => Promise<T>,
  accept: (value: T) => void,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let calls = 0;
  return async () => {
    const call = ++calls;
    try {
      const value = await read();
      if (call === calls) accept(value);
    } catch (error) {
      onError(error);
    }
  };
}
