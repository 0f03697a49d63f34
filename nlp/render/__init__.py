"""Renderers: turn an :class:`~nlp.model.Analysis` into JSON, terminal text, HTML or XLSX."""
