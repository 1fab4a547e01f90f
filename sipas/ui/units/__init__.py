"""Widgets of the "Đơn vị" page."""
