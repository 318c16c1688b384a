import { parse } from 'node-html-parser';
import type { Page } from './form-client';

/**
 * The page as a person leaves it after ticking exactly `values` among the checkboxes named `name`
 * (every other box of that name unticked). The original page is not changed.
 */
export function withChecked(page: Page, name: string, values: readonly string[]): Page {
  const doc = parse(page.doc.toString());
  const boxes = doc.querySelectorAll(`input[type="checkbox"][name="${name}"]`);
  // A box without a value attribute is sent as "on".
  const valueOf = (box: (typeof boxes)[number]) => box.getAttribute('value') ?? 'on';
  const missing = values.filter((v) => !boxes.some((b) => valueOf(b) === v));
  if (missing.length) throw new Error(`No "${name}" checkbox for ${missing.join(', ')} on ${page.url}`);
  for (const box of boxes) {
    if (values.includes(valueOf(box))) box.setAttribute('checked', '');
    else box.removeAttribute('checked');
  }
  return { ...page, doc };
}

/**
 * The page narrowed to its form holding a field `name` = `value` (say the member's userId) and,
 * when given, a `button`: for pages that repeat forms per row, where FormClient.submit would take
 * the first form with that button.
 */
export function formFor(page: Page, name: string, value: string, button?: string): Page {
  const form = page.doc
    .querySelectorAll('form')
    .find(
      (f) =>
        f.querySelector(`input[name="${name}"][value="${value}"]`) &&
        (button === undefined || f.querySelectorAll('button').some((b) => b.text.trim() === button)),
    );
  if (!form) throw new Error(`No form with ${name}=${value}${button ? ` and a "${button}" button` : ''} on ${page.url}`);
  return { ...page, doc: parse(form.outerHTML) };
}

/** The values of the checked checkboxes named `name`. */
export function checkedValues(page: Page, name: string): string[] {
  return page.doc
    .querySelectorAll(`input[type="checkbox"][name="${name}"]`)
    .filter((b) => b.hasAttribute('checked'))
    .map((b) => b.getAttribute('value') ?? 'on');
}

/** The texts of the page's submit buttons. */
export function buttonsOf(page: Page): string[] {
  return page.doc.querySelectorAll('button').map((b) => b.text.trim());
}
