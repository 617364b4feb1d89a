"""The command line: everything the board does, scriptable."""
