"""The three meters and the ranges numbers are clamped to."""

METERS: tuple[str, ...] = ("loyalty", "fear", "suspicion")
METER_RANGE = (0, 100)
COUNTER_RANGE = (0, 999)
