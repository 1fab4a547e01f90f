"""The Streamlit layer of sipas: cached loaders, shared widgets, filter state."""
