/** A ref callback that focuses a field when it appears (a field the user just asked for). */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
