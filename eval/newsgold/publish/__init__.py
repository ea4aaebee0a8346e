"""Publishing the gold: the static viewer, exports and imports (CoNLL, brat, Label Studio), Croissant.

Nothing here parses arguments or prints; the ``view``, ``export`` and ``import``
commands are thin wrappers around these modules.
"""
