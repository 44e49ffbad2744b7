"""Stage 3 – query: the catalog of named SPARQL queries (``catalog``), the pyoxigraph engine over
the published graph (``engine``), result formats (``results``) and network analytics with
networkx (``analytics``).

May use: the shared ground only. It reads what ``kg build`` published, not the loaders.
"""
