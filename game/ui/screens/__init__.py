"""One screen per module: title, dossier, scene, ending, history, saves, settings, help."""
