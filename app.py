"""SIPAS Dashboard: page frame and router. Run with `streamlit run app.py`."""

from sipas.ui.shell.frame import serve

serve()
