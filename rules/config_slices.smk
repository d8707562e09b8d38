# Whether a job is current must not depend on .snakemake/, where Snakemake records each job's
# params: a backup or sync tool that skips dot-folders, or `rm -rf .snakemake`, loses them, and a
# changed config would then go unseen. File dates survive. So every rule's params (the config
# slice it reads) are also one of its inputs, a small JSON file rewritten only when they change:
# newer than the job's outputs, it makes the job run again. Included last: it reads every rule.
# Every rule also learns which job makes each of its inputs, to name it beside a damaged one.
# Snakemake then gets the params in short (common.smk: shown_param): a job's reason names the
# param that changed, not the whole style before and after; the slice file has them in full.

for sliced in list(workflow.rules):
    if sliced.params:
        sliced.set_input(config_slice=config_slice(sliced))
    sliced.set_params(makers=input_makers)
    show_params_briefly(sliced)
