"""Plain dataclasses and rules. No I/O, no Textual."""
