"""The account pages' Streamlit parts: account forms, their data and the audit log."""
