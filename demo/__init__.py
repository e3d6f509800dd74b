"""The demo: the Essex and Herefordshire Local Area Agreements as the users' own
documents (`seeds/`) describe them, plus illustrative plans, figures and money, loaded by
`manage.py seed_demo` in the order `demo/load.py` gives.

The top layer below `config`: it builds on every app and no app imports it. One module
per part (`partnerships.py`, `indicators.py`, `comparators.py`, `meetings.py`,
`funding.py`, `plans.py`, `returns.py`); what is transcribed from the seeds (people,
partnerships, minutes, forward plans, the money quoted) is in `data/` (see its README),
what is invented to show the app at work is beside the code that loads it.
"""
