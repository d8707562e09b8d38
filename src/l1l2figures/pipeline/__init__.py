"""The pipeline's side of the library: the config and its checks, a catalogue entry's functions
called by name, files written atomically and read back, and the blog bundle. It takes paths and
values: it knows nothing of Snakemake's rules or of results/ (jobs.py, a job's log, is where a
script hands it Snakemake's job)."""
