"""Turning pipeline results into a Brief, and rendering a Brief as JSON, Markdown or HTML."""
