"""Text: the cleaned view, blocks, sentences, tokens and lemmas, the spaCy view."""
