import { CompareSelect } from './CompareSelect.tsx';
import { FilterBar } from './FilterBar.tsx';
import { GrainSelect } from './GrainSelect.tsx';
import { RangePicker } from './RangePicker.tsx';

/** The global controls; every change is written to the URL. */
export function ControlsBar({ filters = true }: { filters?: boolean }) {
  return (
    <div className="controls" data-testid="controls">
      <RangePicker />
      <GrainSelect />
      <CompareSelect />
      {filters && <FilterBar />}
    </div>
  );
}
