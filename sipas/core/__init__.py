"""The ground floor, imported by everything and importing nothing of sipas: paths and settings, the
clock, the text catalogue (i18n), column names and codes (schema), text normalisation, number
and date formatting, permissions, safe cell writing.
"""
