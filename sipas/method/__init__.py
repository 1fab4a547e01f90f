"""The survey method: counting satisfied answers, indices (SIPAS, pillars, elements, criteria),
statistics (intervals), ranking with ties, published tables, waves and the results of a wave.
"""
