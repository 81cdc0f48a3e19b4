"""The annual participation report: the ITA evidence PDF of a fiscal year.

It lives in `portal/` because it is the one package that reads measures,
feedback and surveys together. `build.py` turns a fiscal year's records into
plain data; `render.py` turns that data into HTML and PDF; `services.py`
approves and publishes a version.
"""
