"""Where core pieces meet, without a UI: the store, the extractor and the processes that run it."""
