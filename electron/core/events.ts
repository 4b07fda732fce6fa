import type { EventName, EventPayload } from '../contract/channels.ts';

/** How core services push events to the renderer (webContents.send in Electron, SSE in the preview). */
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
