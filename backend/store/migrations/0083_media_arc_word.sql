-- A recording keeps the ARC's own word for its kind ("Live Audio") where the
-- profile's vocabulary normalised it (to red_live), as alerts and fixes keep
-- theirs: the recording's details show it as the ARC named it.
ALTER TABLE media ADD COLUMN arc_word TEXT NOT NULL DEFAULT '';   -- '' when the ARC used Redline's name or sent none
