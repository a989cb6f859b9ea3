"""factsheet: turn news articles with YAML front matter into a browsable fact-sheet site."""

__version__ = "0.1.0"
