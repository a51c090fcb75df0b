import { useRef, useState } from 'react';

interface Props {
  readonly label: string;
  readonly value: string;
  readonly type?: 'text' | 'date';
  readonly disabled: boolean;
  readonly onSave: (value: string) => void;
}

/** A text field saved when the user leaves it or presses Enter, not on every key: each save is one audit entry. */
export function SavedOnBlurInput({ label, value, type = 'text', disabled, onSave }: Props) {
  const [draft, setDraft] = useState(value);
  // A saved value (or another window's edit) replaces the draft once the store has it.
  const [stored, setStored] = useState(value);
  if (stored !== value) {
    setStored(value);
    setDraft(value);
  }
  // Enter then leaving the field would save twice before the store answers: remember what was sent.
  const sent = useRef<string | undefined>(undefined);
  const commit = (): void => {
    if (draft === value || draft === sent.current) return;
    sent.current = draft;
    onSave(draft);
  };
  return (
    <input
      type={type}
      aria-label={label}
      value={draft}
      disabled={disabled}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
        if (event.key === 'Escape') setDraft(value);
      }}
    />
  );
}
