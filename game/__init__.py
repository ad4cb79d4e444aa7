"""Obey or Betray: The Case of Comrade Tulayev."""

__version__ = "0.1.0"
