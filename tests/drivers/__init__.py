"""Small programs the tests launch as subprocesses (crashes, concurrency, hostile inputs)."""
