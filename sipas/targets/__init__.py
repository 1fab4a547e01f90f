"""Targets (mục tiêu) of the plans in force: the registry, seeds from data/targets.yaml,
validation, the status of a value against its target and the words for it.
"""
