"""``python -m kg`` runs the ``kg`` command (for environments where the script is not on PATH)."""

from kg.cli import main

main()
