pytest_plugins = ["tests.stripe_server"]
