"""Remediation tasks (nhiệm vụ khắc phục): the workflow, findings that start a task, whether a
finished task worked (effect), the Excel annex and their texts.
"""
