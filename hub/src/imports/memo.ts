/**
 * Remembers a pure function of one string. IRVE files repeat most values (every row repeats its
 * station's fields; operators, enums, dates and booleans recur across the file), so the cleaners
 * run once per distinct value. The cache is emptied when full, which bounds memory.
 */
export function memoize<T>(fn: (text: string) => T, capacity = 100_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      if (cache.size >= capacity) cache.clear();
      value = fn(text);
      cache.set(text, value);
    }
    return value as T;
  };
}
