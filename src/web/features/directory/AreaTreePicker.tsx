import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../api/types.ts';
import { Loading } from '../../ui/Loading.tsx';
import '../../styles/directory.css';
import { areaChildren, hasSelectedBelow } from './areaTree.ts';

/**
 * Choose areas from the area tree: a checkbox per area, each branch opened by
 * a button (the country is open; a branch with a choice inside starts open).
 * Choosing an area covers everything below it.
 */
export function AreaTreePicker(props: {
  legend: string;
  areas: readonly Area[] | null;
  selected: readonly string[];
  onChange: (codes: string[]) => void;
}) {
  const { t } = useTranslation();
  if (!props.areas) return <Loading />;
  const children = areaChildren(props.areas);
  const selected = new Set(props.selected);
  const toggle = (code: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(code);
    else next.delete(code);
    props.onChange([...next].sort());
  };
  const names = new Map(props.areas.map((a) => [a.code, a.name]));
  return (
    <fieldset className="area-tree">
      <legend>{props.legend}</legend>
      <p className="hint" aria-live="polite">
        {props.selected.length
          ? t('ui.directory.areaTree.chosen', {
              areas: props.selected.map((c) => names.get(c) ?? c).join(', '),
            })
          : t('ui.directory.areaTree.none')}
      </p>
      <ul>
        {(children.get('') ?? []).map((area) => (
          <AreaNode
            key={area.code}
            area={area}
            depth={0}
            tree={children}
            selected={selected}
            onToggle={toggle}
          />
        ))}
      </ul>
    </fieldset>
  );
}

function AreaNode(props: {
  area: Area;
  depth: number;
  tree: ReadonlyMap<string, readonly Area[]>;
  selected: ReadonlySet<string>;
  onToggle: (code: string, on: boolean) => void;
}) {
  const { t } = useTranslation();
  const { area, tree, selected } = props;
  const below = tree.get(area.code) ?? [];
  const [open, setOpen] = useState(
    props.depth === 0 || hasSelectedBelow(area.code, tree, selected),
  );
  const listId = useId();
  return (
    <li>
      <div className="area-tree-row">
        <label className="check">
          <input
            type="checkbox"
            value={area.code}
            checked={selected.has(area.code)}
            onChange={(e) => props.onToggle(area.code, e.target.checked)}
          />
          <span>{area.name}</span>
        </label>
        {below.length ? (
          <button
            type="button"
            className="button link"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen(!open)}
          >
            {t(open ? 'ui.directory.areaTree.hide' : 'ui.directory.areaTree.show', {
              name: area.name,
              count: below.length,
            })}
          </button>
        ) : null}
      </div>
      {below.length ? (
        <ul id={listId} hidden={!open}>
          {below.map((child) => (
            <AreaNode
              key={child.code}
              area={child}
              depth={props.depth + 1}
              tree={tree}
              selected={selected}
              onToggle={props.onToggle}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
