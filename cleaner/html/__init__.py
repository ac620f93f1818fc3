"""The HTML path: a page read into text blocks with their DOM context, scored, and
decided (article container, site pack selectors, metadata).

* :mod:`.dom`: parse (lexbor) and walk the page once into pieces (``_walk.pyx`` is
  the same walk compiled);
* :mod:`.embed`: article bodies that pages carry as data (JSON-LD, ``__NEXT_DATA__``,
  Fusion, app-state scripts), and :mod:`.flight` the Next.js App Router stream;
* :mod:`.score`: the article container by text density;
* :mod:`.pack`: a site pack's ``[html]`` selectors;
* :mod:`.meta`: metadata from ``<meta>``, JSON-LD and printed datelines, and
  :mod:`.describe` the descriptive fields (canonical URL, image, description,
  keywords, modified);
* :mod:`.extract`: all of the above, page to blocks (:func:`extract_blocks`).
"""
