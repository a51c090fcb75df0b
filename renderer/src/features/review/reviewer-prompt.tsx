import { useId, useState } from 'react';
import type { Reviewer } from '@core/review/audit-trail';

/** Asks once per workspace who is reviewing; every decision and audit entry records it. */
export function ReviewerPrompt({ reviewer, onSave }: { readonly reviewer: Reviewer | undefined; readonly onSave: (reviewer: Reviewer) => Promise<void> }) {
  const id = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  if (reviewer) {
    return (
      <p className="reviewer" data-testid="reviewer">
        Reviewing as <strong>{reviewer.name}</strong> ({reviewer.role})
      </p>
    );
  }
  return (
    <form
      className="reviewer-prompt"
      aria-label="Who is reviewing"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim() && role.trim()) void onSave({ name: name.trim(), role: role.trim() });
      }}
    >
      <span>Who is reviewing? Your name and role are recorded with every decision.</span>
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} value={name} required onChange={(event) => setName(event.target.value)} />
      <label htmlFor={`${id}-role`}>Role</label>
      <input id={`${id}-role`} value={role} required placeholder="e.g. IT auditor" onChange={(event) => setRole(event.target.value)} />
      <button type="submit" className="primary">
        Save
      </button>
    </form>
  );
}
