"""`python -m de06_extract`: the `de06` command line, for environments without the console script."""

from .cli import app

app(prog_name="de06")
