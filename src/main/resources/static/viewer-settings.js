// The log viewer's choices the browser remembers: line times (off, clock, or since the job started) and
// wrapping. Kept in localStorage; a browser that refuses storage simply forgets them.

const KEY = 'tailboard.viewer';
const DEFAULTS = {times: 'off', wrap: false};
export const TIME_MODES = ['clock', 'elapsed'];

export function loadSettings() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) || '{}');
    return {
      times: saved.times === 'off' || TIME_MODES.includes(saved.times) ? saved.times : DEFAULTS.times,
      wrap: typeof saved.wrap === 'boolean' ? saved.wrap : DEFAULTS.wrap,
      // the mode the times come back in when turned on again
      timeMode: TIME_MODES.includes(saved.timeMode) ? saved.timeMode : TIME_MODES[0],
    };
  } catch (e) {
    return Object.assign({timeMode: TIME_MODES[0]}, DEFAULTS);
  }
}

export function saveSettings(settings) {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch (e) {
    // private browsing or storage disabled: the choice lasts for this page only
  }
}
