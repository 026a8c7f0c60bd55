"""Persian text, digits, money and dates: one place for the rules in architecture.md."""
