"""What marks a backtui database, kept apart so checking a file stays cheap."""

# "BKTU": marks the file as ours, so another app's SQLite file is refused untouched.
APPLICATION_ID = 0x424B5455
# One per migration in schema.py; a test checks the two agree.
SCHEMA_VERSION = 10
