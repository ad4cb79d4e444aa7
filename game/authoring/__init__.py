"""Tools for authors: the story map, statistics, scaffolding and the generated reference.

Reads the story and the engine's explorer; never imports the UI.
"""
