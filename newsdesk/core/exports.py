"""
Spreadsheet exports that open safely in any spreadsheet program.

Every CSV or XLSX export newsdesk offers goes through :class:`SafeSpreadsheetExportMixin`
(on Wagtail's ``SpreadsheetExportMixin``, which report and listing views already have),
so a credit that begins with "=" is never run as a formula and a control character never
breaks an XLSX file.
"""

from .text import spreadsheet_cell


class SafeSpreadsheetExportMixin:
    """Put before a view's Wagtail base; every exported cell passes ``spreadsheet_cell``."""

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_cell(super().preprocess_field_value(field, value, export_format))
