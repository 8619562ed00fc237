"""Geography gazetteer: countries, Russian federal subjects and cities."""
