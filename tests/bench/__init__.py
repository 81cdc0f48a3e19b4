"""Benchmarks (`make bench`): timings printed as ratios against a baseline
measured in the same run, so they compare across machines. Not a test: it
asserts nothing, it reports.

    tests/with_postgres.sh .venv/bin/python -m tests.bench
    tests/with_postgres.sh .venv/bin/python -m tests.bench --pages-only

One module per section, run in order by `__main__.py` on one throwaway
database:

- `report.py` (data in `year.py`): the annual report at 20 000 and 200 000
  cases; skipped with `--pages-only`;
- `pages.py`: each public page served by gunicorn (settings `site.py`,
  URLs `urls.py` with the bare view) against a bare view, on the demo
  agency plus whatever the sections before it loaded;
- `load.py`: 50 and 200 citizens sending a complaint with a photo, then a
  survey answer, all at once, to gunicorn on PostgreSQL and on the SQLite
  default, each on a fresh database of its own.

A new section is a module with a function taking the database's name,
called from `main()` in `__main__.py`; it imports Django models inside its
functions (the package is also imported by gunicorn through `site.py`).
"""
