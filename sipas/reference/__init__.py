"""Reference data as read from data/: questionnaires (QĐ 2640, QĐ 1001), fields, units and comment
themes.
"""
