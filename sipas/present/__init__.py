"""Presentation: Altair chart builders and their specs, the projector (wall-screen) styling, the
meeting deck's slides and their texts.
"""
