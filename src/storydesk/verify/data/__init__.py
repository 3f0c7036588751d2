"""Training data for the claim verifier: synthetic news pairs plus a public NLI pool.

Nothing here is imported by storydesk's normal paths; it only needs spaCy (a core dependency).
"""
