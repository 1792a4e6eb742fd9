"""The Slack edge of northstar: Bolt app, listeners, scheduler and command line."""
