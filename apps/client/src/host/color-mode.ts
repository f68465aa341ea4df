/**
 * Light or dark, on <html data-color-mode>, which tokens.css (and Jira's own token sheet) reads.
 * Jira sets it itself on Connect (AP.theming) and Forge (view.theme); the local demo sets it
 * here.
 */
export type ColorMode = 'light' | 'dark';

/** The demo's colour mode: the host page's own `theme` switch, else the system's, live. */
export function followDemoColorMode(theme: string | null): void {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') {
    root.dataset.colorMode = theme;
    return;
  }
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    root.dataset.colorMode = dark.matches ? 'dark' : 'light';
  };
  apply();
  dark.addEventListener('change', apply);
}
