"""The admin base every app builds on: the portal's site (site.py, installed by apps.py), the
model admin with readable history (history.py), the action that runs a service on the selected
rows (actions.py) and the columns that show an amount in kroner (columns.py).

Empty on purpose: apps.py is imported before the models, the other modules after."""
