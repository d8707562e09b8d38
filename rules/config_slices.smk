# Whether a job is current must not depend on .snakemake/, where Snakemake records each job's
# params: a backup or sync tool that skips dot-folders, or `rm -rf .snakemake`, loses them, and a
# changed config would then go unseen. File dates survive. So every rule's params (the config
# slice it reads) are also one of its inputs, a small JSON file rewritten only when they change:
# newer than the job's outputs, it makes the job run again. Included last: it reads every rule.

import json

from l1l2figures.files import write_if_changed

CONFIG_SLICES = "results/config"


def config_slice(rule):
    """The input function of ``rule``'s config slice: the job's params, written to
    <results>/config/<rule>/<wildcard values>.json when they changed."""
    draft_job = DRAFT and str(rule.output[0]).startswith(DRAFTS)

    def slice_file(wildcards):
        values = {
            name: value(wildcards) if callable(value) else value
            for name, value in rule.params.items()
        }
        name = "-".join(map(str, wildcards)) or "params"
        path = f"{DRAFTS if draft_job else ''}{CONFIG_SLICES}/{rule.name}/{name}.json"
        if workflow.executor_plugin is None or workflow.dryrun:
            # A plan changes nothing: a slice not written yet is left out of it.
            return path if os.path.exists(path) else []
        write_if_changed(path, json.dumps(values, indent=1, sort_keys=True) + "\n")
        return path

    return slice_file


for sliced_rule in list(workflow.rules):
    if sliced_rule.params:
        sliced_rule.set_input(config_slice=config_slice(sliced_rule))
