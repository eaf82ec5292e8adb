project = "Synthetic survey (sphinx-tapssec)"
extensions = ["sphinx_tapssec"]
tapssec_catalog = "../catalog"
exclude_patterns = ["_build"]

def _record_reread(app, env, docnames):
    import os

    path = os.environ.get("TAPSSEC_BENCH_REREAD")
    if path:
        with open(path, "a", encoding="utf-8") as stream:
            stream.writelines(f"{name}\n" for name in docnames)


def setup(app):
    app.connect("env-before-read-docs", _record_reread)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
