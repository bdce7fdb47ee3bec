"""`python -m forewarn …` runs the command line, like the `forewarn` console script."""

from .cli import main

main()
