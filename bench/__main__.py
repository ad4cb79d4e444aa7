"""`python -m bench`: the engine, UI and browser-serving benchmarks, one after the other."""

import runpy
import sys
from pathlib import Path

from bench import engine_bench

status = engine_bench.main(sys.argv[1:])
for script in ("ui_bench.py", "serve_bench.py"):
    print()
    saved_argv = sys.argv
    sys.argv = [script]
    try:
        runpy.run_path(str(Path(__file__).with_name(script)), run_name="__main__")
    except SystemExit as stop:
        status = status or (stop.code or 0)
    finally:
        sys.argv = saved_argv
sys.exit(status)
