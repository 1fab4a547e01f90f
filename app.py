"""SIPAS Dashboard: page frame and router. Run with `streamlit run app.py`."""

from sipas.ui.shell import starting

starting.show()  # before the imports below: a fresh server's first run takes seconds

from sipas.ui.shell.frame import serve  # noqa: E402
from sipas.ui.units.first_start import ask_for_province  # noqa: E402

serve(before_page=ask_for_province)
