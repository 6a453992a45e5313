"""Text catalogues per feature, joined into one by `bot.conversation.texts`.

Each module defines `NL` and `EN` dicts with the same keys; keys are unique across modules
(a test checks it), so features can be written side by side without touching one file.
"""
