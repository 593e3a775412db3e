"""The commerce server's edges: the Flask-free BOD handler, the Flask blueprints (WCS REST, SOAP services
with their WSDL, /__admin) and the app factory."""
