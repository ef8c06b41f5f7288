import { setElderMode, useElderMode } from '../elder';
import { mobileText as t } from '../mobile.text';

/** 长辈版 on and off, in the bar of every page. */
export function ElderToggle() {
  const elder = useElderMode();
  return (
    <button
      type="button"
      className="m-elder-toggle"
      aria-pressed={elder}
      aria-label={elder ? t.elder.onLabel : t.elder.offLabel}
      onClick={() => setElderMode(!elder)}
    >
      {elder ? t.elder.on : t.elder.off}
    </button>
  );
}
