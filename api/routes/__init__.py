"""The JSON API, one router per resource; `create_app` includes them all."""
