"""``python -m cleaner``: the command line, as the ``cleaner`` script runs it."""

from .cli import app

app(prog_name="cleaner")
