'use client';

// Sends files to /api/imports with XMLHttpRequest (fetch cannot report upload
// progress), then opens the batch: it shows its place in line and the check until
// the preview is ready.
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { ProgressBar } from './progress-bar';

type Kind = 'oneroster' | 'supports';

// Requests pass through the app's proxy, which reads at most 10 MB of a body:
// larger CSVs are gzipped in the browser first (CSV shrinks about tenfold).
const COMPRESS_OVER_BYTES = 8 * 1024 * 1024;

async function gzip(file: File): Promise<File> {
  const stream = file.stream().pipeThrough(new CompressionStream('gzip'));
  const blob = await new Response(stream).blob();
  return new File([blob], `${file.name}.gz`, { type: 'application/gzip' });
}

async function prepare(files: File[]): Promise<File[]> {
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total <= COMPRESS_OVER_BYTES || typeof CompressionStream === 'undefined') return files;
  return Promise.all(files.map(async (f) => (/\.csv$/i.test(f.name) ? gzip(f) : f)));
}

function send(
  url: string,
  form: FormData,
  onProgress: (fraction: number) => void,
): Promise<{ status: number; body: { batchId?: string; message?: string } }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () =>
      resolve({ status: xhr.status, body: (xhr.response ?? {}) as { batchId?: string; message?: string } });
    xhr.onerror = () => reject(new Error('The connection was lost during the upload. Try again.'));
    xhr.send(form);
  });
}

export function UploadForm({ siteId, basePath }: { siteId: string | null; basePath: string }) {
  const router = useRouter();
  const filesId = useId();
  const [kind, setKind] = useState<Kind>('oneroster');
  const [phase, setPhase] = useState<'idle' | 'preparing' | 'uploading' | 'checking'>('idle');
  const [fraction, setFraction] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = phase !== 'idle';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = [...(fileInput.current?.files ?? [])];
    if (chosen.length === 0) {
      setError('Choose the files to upload.');
      fileInput.current?.focus();
      return;
    }
    setError(null);
    try {
      setPhase('preparing');
      const form = new FormData();
      for (const file of await prepare(chosen)) form.append('files', file, file.name);
      setPhase('uploading');
      setFraction(0);
      const query = new URLSearchParams({ kind, ...(siteId ? { siteId } : {}) });
      const { status, body } = await send(`/api/imports?${query}`, form, (f) => {
        setFraction(f);
        if (f >= 1) setPhase('checking');
      });
      if (status !== 202 || !body.batchId) throw new Error(body.message ?? 'The upload was refused. Try again.');
      router.push(`${basePath}?batch=${body.batchId}`);
      router.refresh();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setPhase('idle');
    }
  }

  const kindOption = (value: Kind, label: string, hint: string) => (
    <label className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-slate-300 bg-white p-3 has-[:checked]:border-primary-700 has-[:checked]:bg-primary-50">
      <input
        type="radio"
        name="kind"
        value={value}
        checked={kind === value}
        onChange={() => setKind(value)}
        className="mt-1 size-5"
        disabled={busy}
      />
      <span>
        <span className="block font-medium text-slate-900">{label}</span>
        <span className="block text-sm text-slate-600">{hint}</span>
      </span>
    </label>
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Upload files" className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium text-slate-900">What are the files?</legend>
        {kindOption(
          'oneroster',
          'OneRoster roster',
          'The SIS export: orgs.csv, users.csv, enrollments.csv… as separate files or one .zip.',
        )}
        {kindOption(
          'supports',
          'Supports and screeners',
          'One CSV in the template below: support flags and screener results by SIS id.',
        )}
      </fieldset>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={filesId} className="font-medium text-slate-900">
          Files
        </label>
        <p id={`${filesId}-hint`} className="text-sm text-slate-600">
          CSV or ZIP. Nothing is imported until you review the preview and apply it.
        </p>
        <input
          ref={fileInput}
          id={filesId}
          type="file"
          name="files"
          multiple={kind === 'oneroster'}
          accept=".csv,.zip,.gz,text/csv,application/zip"
          aria-describedby={`${filesId}-hint`}
          disabled={busy}
          className="block min-h-11 w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-base file:mr-3 file:min-h-9 file:rounded file:border-0 file:bg-slate-200 file:px-3 file:font-medium"
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={busy} aria-disabled={busy}>
          {busy ? 'Uploading…' : 'Upload and preview'}
        </Button>
      </div>
      {phase === 'uploading' || phase === 'checking' ? (
        <ProgressBar
          label={phase === 'uploading' ? 'Uploading' : 'Sending the files for checking'}
          value={phase === 'uploading' ? Math.round(fraction * 100) : null}
          max={100}
          unit="%"
        />
      ) : null}
      {phase === 'preparing' ? <p role="status">Compressing large files before the upload…</p> : null}
      <FormMessage tone="error" message={error} />
    </form>
  );
}
