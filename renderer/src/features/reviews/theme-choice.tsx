import { useEffect, useId } from 'react';
import type { Theme } from '../../workspace/catalogue';

const THEMES: readonly { readonly value: Theme; readonly label: string }[] = [
  { value: 'system', label: 'as the system' },
  { value: 'light', label: 'light' },
  { value: 'dark', label: 'dark' },
];

/** Light, dark, or whatever the system says; kept with the workspace. */
export function ThemeChoice({ theme, onChange }: { readonly theme: Theme; readonly onChange: (theme: Theme) => void }) {
  const id = useId();
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset['theme'];
    else document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return (
    <span className="theme-choice">
      <label htmlFor={id}>Theme </label>
      <select id={id} value={theme} onChange={(event) => onChange(event.target.value as Theme)}>
        {THEMES.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  );
}
