// The demo article's "attach to a ticket" box: what a support form does with
// the inspector's `certscope-report` event (its detail is the CLI's --json).
const status = document.getElementById('ticket-status');
const main = document.getElementById('inspector-main');
main?.addEventListener('certscope-report', (e) => {
  const report = e.detail;
  if (!report) {
    status.textContent = 'Paste your server\'s output above; the result will be attached here.';
    return;
  }
  // Rows are found by their stable id (docs/report.md), not by their label.
  const leaf = report.summary.rows.find((r) => r.id === 'certificate')?.value ?? 'no certificate';
  const codes = report.findings.map((f) => f.code);
  status.textContent = `Attached: ${leaf} — verdict ${report.summary.verdict}, ` +
    `${codes.length} finding${codes.length === 1 ? '' : 's'}${codes.length ? ` (${codes.join(', ')})` : ''}.`;
  status.dataset.verdict = report.summary.verdict;
});
