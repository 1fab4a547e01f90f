"""The frame around every page: router and navigation, login, cookies, the current user and the
page guard (access), the shared sidebar.
"""
