// The login form returns to the page asked for, including the part after '#' (a line of a log, #L42), which
// browsers never send to the server and so the server could not put in the form.

const next = document.getElementById('login-next');
if (location.hash && !next.value.includes('#')) {
  next.value += location.hash;
}
