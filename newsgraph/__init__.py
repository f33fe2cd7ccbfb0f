"""newsgraph: news articles in, an event-and-entity knowledge graph out.

The installed package is this one namespace: `newsgraph.extract` (text to `Extraction`),
`newsgraph.graph` (RDF, the store, queries, exports) and `newsgraph.api` (the service and the
command line), with the model, lexicons, gazetteer tables and bundled articles under
`newsgraph/data`. In a checkout the layers keep their top-level folders (`extract/`, `graph/`,
`api/`, `data/`); the links in this folder put them under the one namespace.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsgraph")
except PackageNotFoundError:  # a checkout on sys.path, not installed
    __version__ = "0+unknown"
