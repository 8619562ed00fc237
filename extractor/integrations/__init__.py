"""Integrations: the spaCy component, highlighting in notebooks."""
