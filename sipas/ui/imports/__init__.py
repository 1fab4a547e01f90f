"""The import pages' Streamlit parts: upload, review of the validation, the template downloads."""
