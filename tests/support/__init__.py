"""What the tests share: how to run the CLI, terminals, fakes and random flows."""
