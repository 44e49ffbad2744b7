"""Stage 4b – remote: the graph in a real triple store. ``sparql`` runs the catalog, analytics and
views against a SPARQL 1.1 Protocol endpoint (``--endpoint``); ``graph_store`` pushes the
published dataset through the SPARQL 1.1 Graph Store HTTP Protocol (``kg push``).

May use: query (its binding, results and the engine's interface) and the shared ground; never the
views or the build.
"""
