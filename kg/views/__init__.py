"""Stage 4 – views: the interactive HTML pages (network, editions, map, focus and query views, the
index), rendered from Jinja2 templates with autoescaping, their JS and CSS inlined from ``static/``.

May use: ``kg.query`` (engine, catalog, analytics) and the shared ground. Views only render: they
return page texts, and the caller (``kg.build`` or the ``kg viz`` command) writes them.
"""
