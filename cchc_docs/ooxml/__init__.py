"""Rendering: prepared docx templates, footnotes, and reproducible zip writing."""
