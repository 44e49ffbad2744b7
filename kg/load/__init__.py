"""Stage 1 – load: contribution files (YAML, Turtle) and the reference data become one RDF dataset,
a named graph per file, with a map from every subject back to its file and line.

YAML contributions go through three passes (``parse`` → ``declare`` → ``emit``), because a file may
refer to what another declares. Also here: the contribution format (``format``), the registry of
known keys and names (``registry``), and the ``kg new`` templates (``templates``).

May use: the shared ground only (``kg.errors``, ``kg.problems``, ``kg.messages``, ``kg.namespaces``).
"""
