"""Importing survey spreadsheets: reading, header detection, column mapping, value parsing,
validation, the annotated error workbook, and committing an import safely.

The pipeline is Streamlit-free and shared by the upload page and `python -m sipas import`.
"""
