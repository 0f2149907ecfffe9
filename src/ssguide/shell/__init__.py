"""The imperative shell: the command line, the terminal, files and the clock around the pure core."""
