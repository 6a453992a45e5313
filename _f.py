from core.reading.channel import read_channel
from tests.core.reading.channel_corpus import CASES
from tests.core.reading.test_channel_corpus import _misses
for c in CASES:
    r = read_channel(c.message); m = _misses(c, r)
    if m: print(c.message, '\n    ', m)
