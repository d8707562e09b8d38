"""One module per figure: each builds its figure once and returns a way to move it."""
