"""`backtui ssh-serve`: backtui's own SSH server, one lifter per public key.

keys.py reads lifters' public keys and keeps the server's host keys, commands.py
decides which `ssh host COMMAND` requests run, terminal.py starts and stops the app
in a pseudo-terminal, server.py is the asyncssh server itself (needs the `ssh` extra).
"""
