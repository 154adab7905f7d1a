import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

export { matchPath } from './matchPath.ts';

/** A tiny history router: the server and the service worker answer every path with the shell. */
const listeners = new Set<() => void>();
let navigations = 0;

function emit(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', () => {
  navigations += 1;
  emit();
});

/** Goes to `to` inside the app (no page load). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  navigations += 1;
  window.scrollTo(0, 0);
  emit();
}

/** How many in-app navigations happened (0 on the first page shown). */
export function navigationCount(): number {
  return navigations;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current path and query; re-renders on navigation. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const url = new URL(href, location.origin);
  return { path: url.pathname, search: url.searchParams };
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link that navigates in the app; modified clicks open as usual. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
