import { useId } from 'react';

/** A labelled multi-line text box. */
export function TextAreaField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  id?: string;
  rows?: number;
}) {
  const autoId = useId();
  const id = props.id ?? autoId;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        rows={props.rows ?? 3}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
