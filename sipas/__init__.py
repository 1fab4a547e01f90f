"""SIPAS Dashboard: the Streamlit-free domain layer (questionnaires, indices, storage)."""

__version__ = "0.1.0"
