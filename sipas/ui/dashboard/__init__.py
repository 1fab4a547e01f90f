"""The dashboard pages' Streamlit parts: the filter bar, the gap page's data and views, the
presentation view and the report downloads.
"""
