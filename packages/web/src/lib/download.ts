/** Saves a file the browser holds in memory (CSV text or a PNG data URL). */
export function downloadUrl(url: string, filename: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

export function downloadText(text: string, filename: string, type = 'text/csv;charset=utf-8'): void {
  // A byte-order mark makes spreadsheet programs read UTF-8 (Cyrillic, Arabic) correctly.
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type }));
  downloadUrl(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function fileSlug(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return slug || 'northstar';
}
