"""Extraction to RDF: the vocabulary, one named graph per article, stores, queries and exports."""
