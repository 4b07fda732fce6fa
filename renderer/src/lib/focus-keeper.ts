/**
 * The focus rule's safety net (docs/architecture.md, "Where focus goes after an action"): when an
 * action removes the focused control (the Unlock button behind the lock screen, the row whose
 * Open was pressed, the Review step's button after a submit), focus would fall to the page body.
 * Here it goes to the main heading of what is now shown instead. A button disabled while it works
 * (Export CSV, Check all statuses now) drops focus too: it gets it back once enabled again, so the
 * TA's place is kept. Components that know a better place (an outcome's heading, the next row)
 * focus it themselves; this only catches the rest.
 */
export function keepFocusInView(root: HTMLElement): () => void {
  // What already has focus: a child focuses itself on mount before this runs (the lock screen's
  // password field, when the window opens locked), and no focusin would tell of it.
  let last: Element | null = document.activeElement === document.body ? null : document.activeElement;
  /** The focused button was disabled while it works (Export CSV…): focus returns once it is enabled. */
  let waiting = false;
  const onFocusIn = (event: FocusEvent) => {
    last = event.target as Element;
    waiting = false;
  };
  const observer = new MutationObserver(() => {
    const active = document.activeElement;
    if (!last || (active && active !== document.body)) return;
    if (last.isConnected) {
      // Only a control that lost focus by being disabled, not one the TA clicked away from.
      if ((last as HTMLButtonElement).disabled) waiting = true;
      else if (waiting) (last as HTMLElement).focus();
      return;
    }
    last = null;
    focusMainHeading();
  });
  document.addEventListener('focusin', onFocusIn);
  observer.observe(root, { childList: true, subtree: true, attributeFilter: ['disabled'] });
  return () => {
    document.removeEventListener('focusin', onFocusIn);
    observer.disconnect();
  };
}

/** Focus the heading of the main region (made focusable by script, not by Tab). */
export function focusMainHeading(): void {
  const heading = document.querySelector<HTMLElement>('main h2');
  if (!heading) return;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
}
