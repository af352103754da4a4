import { initAll } from '/assets/govuk-frontend.min.js';

initAll();

/**
 * The progress of an import, shown without reloading: asks the service every second how many rows
 * have been read, and reloads the page when the import has finished. Without JavaScript the page
 * offers a link to refresh it.
 */
for (const element of document.querySelectorAll('[data-module="app-import-progress"]')) {
  const text = element.querySelector('[data-progress-text]');
  const bar = element.querySelector('progress');
  const number = new Intl.NumberFormat('en-GB');
  const poll = async () => {
    try {
      const response = await fetch(element.dataset.url, { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const progress = await response.json();
      if (progress.status !== 'running') {
        window.location.reload();
        return;
      }
      if (progress.rowsTotal > 0) {
        text.textContent = `${number.format(progress.rowsDone)} of about ${number.format(progress.rowsTotal)} rows read`;
        bar.max = Math.max(progress.rowsTotal, progress.rowsDone);
        bar.value = progress.rowsDone;
      }
    } finally {
      setTimeout(poll, 1000);
    }
  };
  setTimeout(poll, 1000);
}
