"""The target page's Streamlit parts: the registry's forms and the check of a target before it is
saved.
"""
