/**
 * The name of the window API on `window`. Its own module so the renderer can import it without
 * pulling every channel schema into its bundle (it needs only the types of window-api.ts).
 */
export const WINDOW_API_KEY = 'taDesk';

/** The preview host only: the page element carrying the API token to its bridge (never in the Electron build). */
export const PREVIEW_TOKEN_META = 'ta-desk-preview-token';

/**
 * The boot state (app info, lock, outbox) the preload asks main for synchronously, before the
 * page's first script runs, and hands to the page under BOOT_STATE_KEY as JSON: the first screen
 * then needs no round trip (the preview host puts the same JSON in the page instead).
 */
export const BOOT_STATE_CHANNEL = 'boot.state';
export const BOOT_STATE_KEY = 'taDeskBoot';
