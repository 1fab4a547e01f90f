"""The task page's Streamlit parts: forms, views, links to the findings and the annex exchange."""
