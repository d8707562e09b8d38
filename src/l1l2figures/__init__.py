"""Teaching figures about the L1 and L2 norms: the library behind the Snakemake pipeline.

Each module is importable and testable without Snakemake; the scripts in ``scripts/`` only read
``snakemake.input/params/output`` and call into it.
"""
