__version__: str
"""The version of the runtime interface client, such as ``"4.2.2"``."""
