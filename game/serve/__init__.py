"""Browser play: the web server (textual-serve); its games are forked by
`game.cli.zygote`, which runs the command line in each child."""
