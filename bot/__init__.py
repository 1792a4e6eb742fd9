"""The Slack edge of northstar: the Bolt app, its listeners and surfaces, the digest's
rendering and posting, and the scheduler job."""
