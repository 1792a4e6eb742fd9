"""The weekly digest: gathering, Block Kit, text, charts and posting."""
