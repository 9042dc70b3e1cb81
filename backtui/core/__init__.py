"""The workout core: the live workout and its commands, free of Textual.

The app's screens and the command line both go through it; it reads and writes
the database through the Protocol in ports.py and returns immutable views.
"""
