export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="flex min-h-[50vh] items-center justify-center gap-3 p-8 text-slate-600">
      <span
        aria-hidden="true"
        className="size-8 animate-spin rounded-full border-4 border-primary-100 border-t-primary-700 motion-reduce:animate-none"
      />
      <span className="sr-only">Loading…</span>
      <span aria-hidden="true" className="text-sm">
        Loading
      </span>
    </div>
  );
}
