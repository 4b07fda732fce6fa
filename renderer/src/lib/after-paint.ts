/**
 * Run `fn` once the first frame with the current DOM has been painted (a frame, then a task), so
 * work the first screen does not need — opening the browser's storage, building country names —
 * neither delays "ready" nor the paint. Answers a function that cancels it.
 */
export function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(fn, 0)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
