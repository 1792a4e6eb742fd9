"""How the tests run servers in threads."""

# serve_forever looks for a shutdown request this often: at the default 0.5 s every stopped
# server cost up to half a second, minutes over the suite.
FAST_SHUTDOWN = {"poll_interval": 0.02}
