"""The three states a commune reports for a shortcoming, and the report's fourth, once.

The form's drop-down, the returns reader, the report's tables and its chart all use these.
"""

REMEDIED, IN_PROGRESS, NOT_REMEDIED = "Đã khắc phục", "Đang khắc phục", "Chưa khắc phục"
STATUSES = (REMEDIED, IN_PROGRESS, NOT_REMEDIED)
NOT_REPORTED = "Chưa báo cáo"
OUTCOMES = STATUSES + (NOT_REPORTED,)
