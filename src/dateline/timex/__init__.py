"""Time expressions: find them in a parsed text (``spans``), resolve them by rule (``rules``)
and, for what the rules leave, by dateparser (``resolve``)."""
