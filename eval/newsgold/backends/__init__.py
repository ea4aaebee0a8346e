"""Where the work units of a streaming evaluation run: this process, local processes, or Dask."""
