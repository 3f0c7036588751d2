"""Grouping claims from different articles into facts."""
