"""Deciding whether sources agree: structured contradiction checks now, trained verifiers later."""
