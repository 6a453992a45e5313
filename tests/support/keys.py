"""One fixed data key for the test suite, so a test and the bot it starts open the same data."""

from storage.crypto import Keyring, parse_key

TEST_DATA_KEY = "dGVzdC1rZXktZm9yLW5ldHdlcmtyZWdpZS10ZXN0cyE"  # 32 bytes, test use only
TEST_KEYRING = Keyring(parse_key(TEST_DATA_KEY))
