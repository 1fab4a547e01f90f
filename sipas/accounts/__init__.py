"""Accounts and who may do what: the account registry, login rules (lockout, sessions), password
hashing, authentication settings, the audit log and its views.
"""
