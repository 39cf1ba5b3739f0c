"""``python -m roleexport`` runs the command line."""

from roleexport.cli import main

main()
