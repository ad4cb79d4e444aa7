"""Front ends: the Textual app (`game.ui.app`) and the plain text mode (`game.ui.plain`)."""
