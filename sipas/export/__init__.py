"""Files to take away, built without Streamlit: charts as PNG/SVG, tables as CSV, the Excel
report of a selection and the PDF brief of a unit."""
