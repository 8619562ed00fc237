"""Recognise: named entities, places, organisations, dates, positions, events, and their normal forms."""
