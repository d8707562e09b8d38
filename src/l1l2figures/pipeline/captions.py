"""A figure's caption (report/<figure>.rst) in the Snakemake report.

The report gives each output of a rule one caption file; the shared rules write every figure, so
that file (report/figure.rst) renders the job's own caption, which the job carries as a param.
"""

from pathlib import Path


class Caption(str):
    """The path of a figure's caption file: what Snakemake compares between runs (an edit to the
    caption reruns nothing), and what report/figure.rst renders."""

    __slots__ = ()

    def rendered(self, snakemake) -> str:
        """The caption with its template expressions (config values) filled in, as the report's
        own captions are: the same Jinja options, the same ``snakemake`` object."""
        import jinja2  # only the report renders

        template = jinja2.Environment(trim_blocks=True, lstrip_blocks=True)
        return template.from_string(Path(self).read_text()).render(snakemake=snakemake)
