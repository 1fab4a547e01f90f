"""Distance to targets: threshold gaps, rank gaps (with the rank simulation), the gap table, the
gap trend, the levers that close a gap fastest, and their sentences.
"""
