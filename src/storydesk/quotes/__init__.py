"""Direct quotations: extraction with speakers, cross-outlet grouping, wording comparison."""
