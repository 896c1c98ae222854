"""cchc-docs: Decree 30 documents for Vietnamese local government, made from data."""

__version__ = "0.1.0"
