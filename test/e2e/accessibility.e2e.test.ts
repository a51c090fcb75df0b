import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './harness/accessibility';
import { openApp, type AppSession } from './harness/app-session';
import { openScreen } from './harness/reviews';

let app: AppSession;
beforeEach(async () => {
  app = await openApp();
});
afterEach(async () => {
  await app.close();
});

describe('accessibility', () => {
  it.each(['light', 'dark'] as const)('every screen passes axe-core WCAG 2.1 A/AA checks in the %s theme', async (theme) => {
    const { page } = app;
    await page.getByLabel('Theme').selectOption(theme);
    const found: Record<string, unknown> = {};
    found['reviews'] = await accessibilityViolations(page);
    await page.getByRole('button', { name: 'Open the sample review' }).click();
    await page.getByTestId('run-as-of').waitFor({ timeout: 20_000 });
    found['findings'] = await accessibilityViolations(page);
    await page.getByRole('grid', { name: /Findings rows/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('row-detail').waitFor();
    found['row detail'] = await accessibilityViolations(page);
    for (const screen of ['Sources', 'Remediation', 'Sampling', 'Settings', 'Evidence', 'Audit trail'] as const) {
      await openScreen(page, screen);
      found[screen] = await accessibilityViolations(page);
    }
    expect(found).toEqual({ reviews: [], findings: [], 'row detail': [], Sources: [], Remediation: [], Sampling: [], Settings: [], Evidence: [], 'Audit trail': [] });
  });
});
