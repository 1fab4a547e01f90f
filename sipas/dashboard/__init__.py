"""What the dashboard pages show, Streamlit-free: the filter state and its address, the scope of a
view, standings, the overview, criteria, field results, trends, comments and captions.
"""
