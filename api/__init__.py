"""The HTTP service and the command line over the graph store."""
