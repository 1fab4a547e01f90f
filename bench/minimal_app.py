"""The reference for bench/filter_change.py: the smallest Streamlit app with one select box and
one Altair chart over 1,000 rows, redrawn when the selection changes."""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

CHOICES = ["2021", "2022", "2023", "2024", "2025"]

choice = st.selectbox("Đợt khảo sát", CHOICES, index=len(CHOICES) - 1)
rng = np.random.default_rng(CHOICES.index(choice))
frame = pd.DataFrame({"x": np.arange(1000), "y": rng.normal(85, 5, 1000)})
chart = alt.Chart(frame, title=f"Đợt {choice}").mark_bar().encode(x="x:Q", y="y:Q")
st.altair_chart(chart, width="stretch")
