"""Tools for flow writers: route analysis, semantic checks, the routing graph, the JSON Schema."""
