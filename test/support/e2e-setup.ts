// End-to-end suites start real servers, databases and browsers: allow them the time.
jest.setTimeout(60_000);
