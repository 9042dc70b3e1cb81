"""backtui: a keyboard-first terminal workout companion for back training."""

__version__ = "0.1.0"
