/**
 * Which draft the form was editing, so reopening the app can offer to continue it. Only the
 * draft's id is kept (never a value typed into it): the draft itself stays encrypted in main.
 */
const KEY = 'ta-desk.editing-draft';

export function rememberEditingDraft(id: string | undefined): void {
  try {
    if (id) localStorage.setItem(KEY, id);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode, quota): the offer is a convenience, the draft is safe in Drafts.
  }
}

export function editingDraft(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
