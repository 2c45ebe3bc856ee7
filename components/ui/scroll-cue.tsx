'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * Says "scroll sideways" above a table wider than its box, and only then: placed inside
 * the table's scroll region, it watches that region's size. Its first column stays put
 * while the rest scrolls (components/ui/table.tsx).
 */
export function ScrollCue() {
  const ref = useRef<HTMLParagraphElement>(null);
  const [wide, setWide] = useState(false);
  useEffect(() => {
    const region = ref.current?.parentElement;
    if (!region) return;
    const check = () => setWide(region.scrollWidth > region.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(region);
    const table = region.querySelector('table');
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, []);
  return (
    <p
      ref={ref}
      hidden={!wide}
      data-print="hide"
      className="sticky left-0 px-4 pt-2 text-sm font-medium text-slate-700"
    >
      More columns to the right: scroll sideways <span aria-hidden="true">→</span>
    </p>
  );
}
