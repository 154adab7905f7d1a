interface CheckboxListProps {
  legend: string;
  options: { value: string; label: string; hint?: string }[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  name: string;
}

/** A group of checkboxes under one legend; `selected` keeps the options' order. */
export function CheckboxList({ legend, options, selected, onChange, name }: CheckboxListProps) {
  const toggle = (value: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(value);
    else next.delete(value);
    onChange(options.map((o) => o.value).filter((v) => next.has(v)));
  };
  return (
    <fieldset className="checkbox-list">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="check">
          <input
            type="checkbox"
            name={name}
            value={o.value}
            checked={selected.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
          />
          <span>
            {o.label}
            {o.hint ? <span className="check-hint">{o.hint}</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
