import type { WindowApi } from '$contract/window-api.ts';
import { WINDOW_API_KEY } from '$contract/window-key.ts';

/**
 * The one way the renderer reaches main: the task-shaped API the preload (or the preview bridge)
 * put on window. The renderer never sees channels, URLs, SQL or credentials.
 */
export function windowApi(): WindowApi | undefined {
  return (window as unknown as Record<string, WindowApi | undefined>)[WINDOW_API_KEY];
}
