import { useSyncExternalStore } from 'react';

/**
 * 长辈版 (elder-friendly mode, 工信部 2021): larger text, stronger contrast, bigger tap targets. A class on <html>
 * switches the CSS variables (mobile.css); the choice is kept on the phone (localStorage), per browser.
 */
const KEY = 'gongjian.mobile.elder';
const listeners = new Set<() => void>();

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    // Storage refused (a private window): the mode lasts as long as the page.
    return false;
  }
}

let elder = stored();

/** Sets the class before the first render, so a page opened in 长辈版 never flashes in small print. */
export function applyStoredElderMode(): void {
  document.documentElement.classList.toggle('elder', elder);
}

export function setElderMode(on: boolean): void {
  elder = on;
  try {
    localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    // Not kept: see stored().
  }
  document.documentElement.classList.toggle('elder', on);
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useElderMode(): boolean {
  return useSyncExternalStore(subscribe, () => elder);
}
