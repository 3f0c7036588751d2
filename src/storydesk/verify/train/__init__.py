"""Training the claim verifier (cross-encoder). Needs the `train` extra (torch etc.).

Only config, evidence and batches are torch-free; nothing in storydesk's normal import paths
imports this package, so the core install and CI without torch never touch it.
"""
