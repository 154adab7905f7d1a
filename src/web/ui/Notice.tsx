import type { ReactNode } from 'react';

/** A success or information message, read out politely when it appears. */
export function Notice({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <p role="status" className="alert alert-ok">
      {children}
    </p>
  );
}
