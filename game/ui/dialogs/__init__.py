"""Modal dialogs: questions the player answers before going on."""
