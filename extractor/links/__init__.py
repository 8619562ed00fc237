"""Link: persons with their mentions, officials, role and pronoun references, event records."""
