import { type ComponentType, createElement, lazy } from 'react';

export interface LazyPage<P extends object> {
  (props: P): ReturnType<typeof createElement>;
  /** Starts loading the page's chunk; the same promise each time. */
  preload(): Promise<ComponentType<P>>;
}

/**
 * A page in a chunk of its own that can be asked for before it renders. Once loaded it renders
 * without suspending: a page that suspends shows its fallback for at least 300 ms (React holds a
 * revealed fallback that long), which a page opened directly would otherwise always pay.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () => {
    loading ??= load().then((component) => {
      loaded = component;
      return component;
    });
    return loading;
  };
  const Suspending = lazy(async () => ({ default: await preload() }));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per page at module level, as React.lazy is
  const Page = (props: P) => createElement(loaded ?? Suspending, props);
  return Object.assign(Page, { preload });
}
