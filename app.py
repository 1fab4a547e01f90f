"""SIPAS Dashboard: page frame and router. Run with `streamlit run app.py`."""

from sipas.ui.frame import route

route().run()
