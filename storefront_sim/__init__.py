"""SimPy shopper simulations that drive both integration flows, live over HTTP or fast in process."""
