"""Events: who did what, when, where, why and how, read from the headline and the lead.

:func:`~dateline.events.build.extract_events` is the entry point; each question has its own
module (``when``, ``where``, ``why``, ``how``), the clauses come from ``clauses``, and
``scoring`` picks which lead sentence tells the headline's event.
"""
