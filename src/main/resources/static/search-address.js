// The log viewer's search is part of its address (/jobs/<id>?q=text), so that a search can be shared and
// survives a reload; replaced as the box changes, not pushed, so Back still leaves the page.

export function showSearchInAddress(query) {
  const url = new URL(location.href);
  if (query) {
    url.searchParams.set('q', query);
  } else {
    url.searchParams.delete('q');
  }
  if (url.href !== location.href) {
    history.replaceState(history.state, '', url);
  }
}
