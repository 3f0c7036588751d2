"""Language id, sentences and parses (spaCy), multilingual sentence embeddings (USE)."""
