"""The dashboard's charts beyond the unit ranking (which lives in sipas.charts with the shared
vocabulary): one module per chart family, DataFrame in, Altair chart out."""
