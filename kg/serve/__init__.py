"""Stage 5 – serve: ``kg serve``, the published site, a read-only SPARQL 1.1 Protocol endpoint, the
entities as Linked Data and a query page, from one port (Starlette on uvicorn).

Queries run in a pool of worker processes over the persistent store (``pool``, ``worker``), so a
time limit really stops a query: its worker is ended and replaced, the others keep answering.

May use: remote, query and the shared ground; reads what ``kg build`` published.
"""
