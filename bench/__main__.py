import runpy
import sys
from pathlib import Path

from bench import engine_bench

status = engine_bench.main(sys.argv[1:])
ui = Path(__file__).with_name("ui_bench.py")
if ui.exists():
    print()
    runpy.run_path(str(ui), run_name="__main__")
sys.exit(status)
