// The job page's Cancel and Re-run buttons, for a run of a configured pipeline: same-origin POSTs to the
// runner's API. Cancel is offered while the run waits or runs; the live feed then shows the new status.
// Re-run starts the pipeline again and opens the new run.

const ACTIVE = new Set(['queued', 'running']);

export class JobActions {
  constructor(page, jobId, status) {
    this.cancelButton = document.getElementById('job-cancel');
    this.rerunButton = document.getElementById('job-rerun');
    this.problem = document.getElementById('job-action-error');
    if (!this.cancelButton) {
      return; // not a run of a pipeline
    }
    const pipeline = page.dataset.pipeline;
    this.cancelButton.addEventListener('click', () => this.post('/api/jobs/' + jobId + '/cancel',
        this.cancelButton, 'cancel the run', 'Cancelling…'));
    this.rerunButton.addEventListener('click', () => this.post('/api/pipelines/' + encodeURIComponent(pipeline)
        + '/runs', this.rerunButton, 'start ' + pipeline, 'Starting…'));
    this.rerunButton.hidden = false;
    this.status(status);
  }

  /** The job's status is now `status`. */
  status(status) {
    if (this.cancelButton) {
      this.cancelButton.hidden = !ACTIVE.has(status);
    }
  }

  async post(url, button, what, busy) {
    const label = button.textContent;
    button.disabled = true;
    button.textContent = busy;
    this.problem.hidden = true;
    let refusal;
    try {
      const response = await fetch(url, {method: 'POST', headers: {Accept: 'application/json'}});
      if (response.status === 201) {
        location.assign(response.headers.get('Location'));
        return;
      }
      if (response.ok) {
        // cancelled: the status arrives over the live feed and hides the button
        button.textContent = label;
        button.disabled = false;
        return;
      }
      refusal = (await response.json().catch(() => ({}))).error || 'HTTP ' + response.status;
    } catch (e) {
      refusal = 'the server cannot be reached';
    }
    this.problem.textContent = 'Could not ' + what + ': ' + refusal;
    this.problem.hidden = false;
    button.textContent = label;
    button.disabled = false;
  }
}
