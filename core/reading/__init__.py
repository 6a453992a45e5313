"""Reading free text about people: names, word forms, special categories, dates.

The visit reader (`core.understanding`) and every way text enters the register use these
modules, so that what is recognised and what is refused is decided in one place.
"""
