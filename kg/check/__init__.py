"""Stage 2 – check: is the loaded graph well-formed? SHACL validation with pyshacl (``shacl``), the
checks SHACL cannot express well (``rules``), ``kg validate`` (``validate``), and the validation
index that lets one new file be checked without reloading the whole graph (``index``).

May use: ``kg.load`` and the shared ground (``kg.terms`` for the index's Oxigraph store).
"""
