// Hands a file the API returned to the browser's own download (a temporary link), so the
// screens that make documents save them the same way.
export function saveFile(f: { blob: Blob; filename: string }): void {
  const url = URL.createObjectURL(f.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = f.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: the download may still be reading the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
