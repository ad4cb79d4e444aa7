"""The Textual front end: the app (`game.ui.app`), its screens, dialogs and widgets."""
