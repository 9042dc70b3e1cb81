"""The core of backtui: pure Python, no Textual, no database.

Screens, the CLI and storage all call into this package; it calls none of them.
"""
