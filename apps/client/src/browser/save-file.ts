/**
 * Saves text as a file through the browser's own download: the text was built or fetched in
 * the page and goes nowhere else. Object URLs stay in memory and are revoked right after.
 */
export function saveTextFile(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL can go once the event loop moves on.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}
